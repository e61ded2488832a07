// The resolved alarm type, where the review reads it; derive.ts merges the settings.
export type { ResolvedAlarm } from "./derive";
