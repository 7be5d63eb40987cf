import { parseTemplateText } from './debug-adapter/sam/templateTree';
import { readFileSync } from 'node:fs';
let t = `Resources:\n`;
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
const s = performance.now();
for (let k = 0; k < 300; k++) parseTemplateText(t, '/tmp/t.yaml');
console.log('parse', ((performance.now() - s) / 300).toFixed(2));
