/**
 * Cognito user pool Lambda trigger templates (`cognito-user-pool <trigger>`; SAM's `cognito`
 * service is the unrelated Cognito Sync). Values follow what Cognito sends, including the nulls
 * @types/aws-lambda does not allow (see each template's type gaps). Pure data; imports only this
 * folder and types.
 */
import type {
  CustomMessageTriggerEvent,
  PostConfirmationTriggerEvent,
  PreAuthenticationTriggerEvent,
  PreSignUpTriggerEvent,
  PreTokenGenerationTriggerEvent,
  PreTokenGenerationV2TriggerEvent,
} from 'aws-lambda';
import { defineTemplate, splitList, type EventTemplate } from './eventTemplate';
import { REGION, charsFrom, uuidFrom } from './sample';

const USER_POOL_ID = `${REGION}_${charsFrom('user-pool', 9)}`;
const CLIENT_ID = charsFrom('user-pool-client', 26, 'abcdefghijklmnopqrstuvwxyz0123456789');

const USERNAME = {
  name: 'username',
  description: 'The user name in the pool',
  default: 'jane.doe',
  kind: 'string',
} as const;
const EMAIL = {
  name: 'email',
  description: 'The email attribute of the user',
  default: 'jane.doe@example.com',
  kind: 'string',
} as const;

/** The fields every user pool trigger event shares. */
function base<T extends string>(triggerSource: T, userName: string) {
  return {
    version: '1',
    triggerSource,
    region: REGION,
    userPoolId: USER_POOL_ID,
    userName,
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: CLIENT_ID },
  };
}

/** The attributes of a confirmed user, as Cognito passes them after sign-up: all strings. */
function confirmedAttributes(userName: string, email: string): Record<string, string> {
  return {
    sub: uuidFrom(`cognito-user:${userName}`),
    email_verified: 'true',
    'cognito:user_status': 'CONFIRMED',
    email,
  };
}

const preSignUp = defineTemplate({
  service: 'cognito-user-pool',
  event: 'pre-sign-up',
  description: 'The pre sign-up trigger, before Cognito creates the user.',
  sourceType: 'PreSignUpTriggerEvent',
  params: [
    USERNAME,
    EMAIL,
    {
      name: 'trigger-source',
      description: 'How the user is signing up',
      default: 'PreSignUp_SignUp',
      kind: 'string',
      choices: ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'],
    },
  ],
  make(v): PreSignUpTriggerEvent {
    return {
      ...base(v['trigger-source'], v.username),
      request: { userAttributes: { email: v.email } },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    };
  },
});

const postConfirmation = defineTemplate({
  service: 'cognito-user-pool',
  event: 'post-confirmation',
  description: 'The post confirmation trigger, after a user confirms sign-up or a password reset.',
  sourceType: 'PostConfirmationTriggerEvent',
  params: [
    USERNAME,
    EMAIL,
    {
      name: 'trigger-source',
      description: 'What the user confirmed',
      default: 'PostConfirmation_ConfirmSignUp',
      kind: 'string',
      choices: ['PostConfirmation_ConfirmSignUp', 'PostConfirmation_ConfirmForgotPassword'],
    },
  ],
  make(v): PostConfirmationTriggerEvent {
    return {
      ...base(v['trigger-source'], v.username),
      request: { userAttributes: confirmedAttributes(v.username, v.email) },
      response: {},
    };
  },
});

const preAuthentication = defineTemplate({
  service: 'cognito-user-pool',
  event: 'pre-authentication',
  description: 'The pre authentication trigger, before Cognito checks the credentials.',
  sourceType: 'PreAuthenticationTriggerEvent',
  params: [USERNAME, EMAIL],
  make(v): PreAuthenticationTriggerEvent {
    return {
      ...base('PreAuthentication_Authentication', v.username),
      request: { userAttributes: confirmedAttributes(v.username, v.email) },
      response: {},
    };
  },
});

const TOKEN_TRIGGER_SOURCE = {
  name: 'trigger-source',
  description: 'The flow issuing the tokens',
  default: 'TokenGeneration_Authentication',
  kind: 'string',
  choices: [
    'TokenGeneration_HostedAuth',
    'TokenGeneration_Authentication',
    'TokenGeneration_NewPasswordChallenge',
    'TokenGeneration_AuthenticateDevice',
    'TokenGeneration_RefreshTokens',
  ],
} as const;
const GROUPS = {
  name: 'groups',
  description: 'Comma-separated groups the user belongs to',
  default: 'admins',
  kind: 'string',
} as const;
const PREFERRED_ROLE_GAP = {
  property: 'preferredRole',
  reason:
    'Cognito sends groupConfiguration.preferredRole: null when no group has an IAM role; ' +
    '@types/aws-lambda declares it as an optional string.',
};

/** `groupConfiguration` as Cognito sends it when the groups carry no IAM roles. */
function groupConfiguration(groups: string) {
  return { groupsToOverride: splitList(groups), iamRolesToOverride: [], preferredRole: null };
}

type WithNulls<T, Response> = Omit<T, 'request' | 'response'> & {
  request: Omit<T extends { request: infer R } ? R : never, 'groupConfiguration'> & {
    groupConfiguration: ReturnType<typeof groupConfiguration>;
  };
  response: Response;
};

const preTokenGeneration = defineTemplate({
  service: 'cognito-user-pool',
  event: 'pre-token-generation',
  description: 'The pre token generation trigger, event version 1 (ID token claims only).',
  sourceType: 'PreTokenGenerationTriggerEvent',
  typeGaps: [
    PREFERRED_ROLE_GAP,
    {
      property: 'claimsOverrideDetails',
      reason:
        'Cognito sends response.claimsOverrideDetails: null for the function to fill in; ' +
        '@types/aws-lambda declares an object.',
    },
  ],
  params: [USERNAME, EMAIL, GROUPS, TOKEN_TRIGGER_SOURCE],
  make(v): WithNulls<PreTokenGenerationTriggerEvent, { claimsOverrideDetails: null }> {
    return {
      ...base(v['trigger-source'], v.username),
      request: {
        userAttributes: confirmedAttributes(v.username, v.email),
        groupConfiguration: groupConfiguration(v.groups),
      },
      response: { claimsOverrideDetails: null },
    };
  },
});

const preTokenGenerationV2 = defineTemplate({
  service: 'cognito-user-pool',
  event: 'pre-token-generation-v2',
  description: 'The pre token generation trigger, event version 2 (ID and access token claims).',
  sourceType: 'PreTokenGenerationV2TriggerEvent',
  typeGaps: [
    PREFERRED_ROLE_GAP,
    {
      property: 'claimsAndScopeOverrideDetails',
      reason:
        'Cognito sends response.claimsAndScopeOverrideDetails: null for the function to fill ' +
        'in; @types/aws-lambda declares an object.',
    },
  ],
  params: [
    USERNAME,
    EMAIL,
    GROUPS,
    {
      name: 'scopes',
      description: 'Comma-separated OAuth scopes of the access token',
      default: 'aws.cognito.signin.user.admin',
      kind: 'string',
    },
    TOKEN_TRIGGER_SOURCE,
  ],
  make(v): WithNulls<PreTokenGenerationV2TriggerEvent, { claimsAndScopeOverrideDetails: null }> {
    return {
      ...base(v['trigger-source'], v.username),
      version: '2',
      request: {
        userAttributes: confirmedAttributes(v.username, v.email),
        groupConfiguration: groupConfiguration(v.groups),
        scopes: splitList(v.scopes),
      },
      response: { claimsAndScopeOverrideDetails: null },
    };
  },
});

const customMessage = defineTemplate({
  service: 'cognito-user-pool',
  event: 'custom-message',
  description: 'The custom message trigger, before Cognito sends a verification or invite message.',
  sourceType: 'CustomMessageTriggerEvent',
  params: [
    USERNAME,
    EMAIL,
    {
      name: 'trigger-source',
      description: 'The message being sent',
      default: 'CustomMessage_SignUp',
      kind: 'string',
      choices: [
        'CustomMessage_SignUp',
        'CustomMessage_AdminCreateUser',
        'CustomMessage_ResendCode',
        'CustomMessage_ForgotPassword',
        'CustomMessage_UpdateUserAttribute',
        'CustomMessage_VerifyUserAttribute',
        'CustomMessage_Authentication',
      ],
    },
  ],
  make(v): CustomMessageTriggerEvent {
    const trigger = v['trigger-source'];
    const attributes = confirmedAttributes(v.username, v.email);
    if (trigger === 'CustomMessage_SignUp' || trigger === 'CustomMessage_AdminCreateUser') {
      attributes.email_verified = 'false';
      attributes['cognito:user_status'] =
        trigger === 'CustomMessage_SignUp' ? 'UNCONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    }
    return {
      ...base(trigger, v.username),
      request: {
        userAttributes: attributes,
        // The placeholders the function must keep in its message; Cognito fills them in.
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: trigger === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    };
  },
});

/** The Cognito user pool templates, in `--help` order. */
export const cognitoTemplates: readonly EventTemplate[] = [
  preSignUp,
  postConfirmation,
  preAuthentication,
  preTokenGeneration,
  preTokenGenerationV2,
  customMessage,
];
