/** Journey shapes as the API returns them (the parts the console shows). */

/** One step of a definition (nested lists in branch and split). */
export interface JourneyStep {
  type: string;
  id?: string;
  name?: string;
  duration?: string;
  until?: string;
  event?: string;
  timeout?: string;
  if?: string;
  then?: JourneyStep[];
  else?: JourneyStep[];
  paths?: { weight: number; steps: JourneyStep[]; name?: string }[];
  channel?: string;
  template?: string;
  content?: Record<string, unknown>;
  url?: string;
  trait?: string;
  value?: unknown;
}

/** A journey. */
export interface Journey {
  id: string;
  name: string;
  status: string;
  version: number;
  description?: string | null;
  trigger: Record<string, unknown>;
  steps: JourneyStep[];
  exitOn?: string[];
  holdoutPercent?: number;
  updatedAt: string;
}

/** Per-step funnel and message outcomes. */
export interface StepStats {
  node: string;
  label: string;
  type: string;
  entered: number;
  messages: Record<string, number>;
  opened: number;
  clicked: number;
}

/** GET /v1/journeys/:id/stats. */
export interface JourneyStats {
  runs: { entered: number; active: number; waiting?: number; byReason: Record<string, number> };
  steps: StepStats[];
  conversion: {
    event: string;
    windowMs: number;
    treated: { runs: number; converted: number; rate: number; revenue: number };
    holdout: { runs: number; converted: number; rate: number; revenue: number };
    lift: number | null;
  };
}

/** A message in the log. */
export interface JourneyMessage {
  id: string;
  journeyId: string;
  node: string;
  channel: string;
  status: string;
  reason: string | null;
  attempts: number;
  content: { subject?: string; body?: string; title?: string } | null;
  createdAt: string;
  sentAt: string | null;
  openedAt: string | null;
  clickedAt: string | null;
}

/** Rendered content (the live preview). */
export interface Rendered {
  subject: string;
  html: string;
  text: string;
  body: string;
  title: string;
}
