import { EVENT_TEMPLATES, requiredKeys } from '../debug-adapter/templates/events';
for (const t of EVENT_TEMPLATES) {
  const ev = t.build() as Record<string, unknown>;
  const rec = Array.isArray(ev.Records) ? Object.keys(ev.Records[0] as object) : undefined;
  console.log(`${t.service} ${t.event} [${t.sourceType}] req=${requiredKeys(t).join(',')} opt=${JSON.stringify(t.optionalKeys ?? [])}${rec ? ' record=' + rec.join(',') : ''}`);
}
