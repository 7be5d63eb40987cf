import { resolveTemplate } from './debug-adapter/sam/template';
import { parseTemplateText } from './debug-adapter/sam/templateTree';
let t = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage: {Type: String, Default: dev}
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 10
    Environment:
      Variables:
        STAGE: !Ref Stage
Resources:
`;
for (let i = 0; i < 50; i++) t += `  Fn${i}:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/fn${i}
      Handler: app.handler
      MemorySize: 256
      FunctionName: !Sub 'fn-${i}-\${Stage}'
      Environment:
        Variables:
          AA: !Sub '\${AWS::Region}-x'
          BB: !GetAtt Fn${(i + 1) % 50}.Arn
          CC: !Join [',', [a, b, !Ref Stage]]
      LoggingConfig: {LogFormat: JSON}
`;
const p = parseTemplateText(t, '/tmp/t.yaml');
const s = performance.now();
for (let k = 0; k < 200; k++) resolveTemplate(p);
console.log('resolve', ((performance.now() - s) / 200).toFixed(2));
