import { parseTemplate } from './debug-adapter/sam/template';
import { parseTemplateText } from './debug-adapter/sam/templateTree';
import { parseDocument, LineCounter } from 'yaml';
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
const time = (label: string, f: () => unknown) => { const s = performance.now(); for (let k = 0; k < 20; k++) f(); console.log(label, ((performance.now() - s) / 20).toFixed(2), 'ms'); };
for (let round = 0; round < 3; round++) {
time('yaml plain', () => parseDocument(t, { version: '1.1' }));
time('yaml lc', () => parseDocument(t, { lineCounter: new LineCounter(), version: '1.1' , prettyErrors: false}));
time('tree', () => parseTemplateText(t, '/tmp/t.yaml'));
time('full', () => parseTemplate(t, '/tmp/t.yaml'));
}
console.log(parseTemplate(t, '/tmp/t.yaml').errors.length, parseTemplate(t, '/tmp/t.yaml').functions.length);
import { Parser, Composer } from 'yaml';
for (let round = 0; round < 3; round++) {
time('cst', () => { for (const _ of new Parser().parse(t)) {} });
time('cst+compose', () => { const c = new Composer({version: '1.1'}); for (const d of c.compose(new Parser().parse(t))) {} for (const _ of c.end()) {} });
time('lexer', () => { let n=0; for (const _ of new (require('yaml').Lexer)().lex(t)) n++; });
}
for (let round = 0; round < 2; round++) {
time('yaml core', () => parseDocument(t));
time('yaml failsafe', () => parseDocument(t, {schema: 'failsafe'}));
time('json.parse equiv', () => JSON.parse(JSON.stringify(parseDocument(t).toJS())));
}
