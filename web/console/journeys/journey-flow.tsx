/** A journey's steps as a readable flow: the trigger, then each step with how many customers reached it. */
import type { JSX } from 'preact';
import { formatInt } from '../format.js';
import { describeStep, describeTrigger } from './describe.js';
import type { JourneyStats, JourneyStep, StepStats } from './journey-types.js';

function Steps(props: { steps: JourneyStep[]; prefix: string; stats: Map<string, StepStats> }): JSX.Element {
  return (
    <ol class="flow-steps">
      {props.steps.map((step, i) => {
        const key = `${props.prefix}${i}`;
        const s = props.stats.get(key);
        const sent = s?.messages.sent ?? 0;
        return (
          <li key={key} class={`flow-step flow-${step.type}`} data-testid="flow-step" data-node={key}>
            <div class="flow-box">
              <span class="flow-kind">{step.type.replace('_', ' ')}</span>
              <span class="flow-text">{describeStep(step)}</span>
              {s && (
                <span class="flow-count muted small" data-testid="flow-count" data-entered={s.entered}>
                  {formatInt(s.entered)} reached{step.type === 'send' ? ` · ${formatInt(sent)} sent` : ''}
                </span>
              )}
            </div>
            {step.type === 'branch' && (
              <div class="flow-branches">
                <div class="flow-branch">
                  <span class="flow-label">then</span>
                  <Steps steps={step.then ?? []} prefix={`${key}.then.`} stats={props.stats} />
                </div>
                <div class="flow-branch">
                  <span class="flow-label">else</span>
                  <Steps steps={step.else ?? []} prefix={`${key}.else.`} stats={props.stats} />
                </div>
              </div>
            )}
            {step.type === 'split' && (
              <div class="flow-branches">
                {(step.paths ?? []).map((p, j) => (
                  <div class="flow-branch" key={j}>
                    <span class="flow-label">
                      {p.name ?? `path ${j + 1}`} · weight {p.weight}
                    </span>
                    <Steps steps={p.steps} prefix={`${key}.paths.${j}.`} stats={props.stats} />
                  </div>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The flow of one journey. */
export function JourneyFlow(props: {
  trigger: Record<string, unknown>;
  steps: JourneyStep[];
  exitOn?: string[];
  stats?: JourneyStats;
}): JSX.Element {
  const stats = new Map((props.stats?.steps ?? []).map((s) => [s.node, s]));
  return (
    <div class="flow" data-testid="journey-flow">
      <div class="flow-box flow-trigger" data-testid="flow-trigger">
        <span class="flow-kind">trigger</span>
        <span class="flow-text">{describeTrigger(props.trigger)}</span>
        {props.stats && <span class="flow-count muted small">{formatInt(props.stats.runs.entered)} entered</span>}
      </div>
      <Steps steps={props.steps} prefix="" stats={stats} />
      {props.exitOn && props.exitOn.length > 0 && (
        <p class="muted small">Leaves at once on: {props.exitOn.join(', ')}</p>
      )}
    </div>
  );
}
