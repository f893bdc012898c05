// Send test event: runs the draft mapping on the test event against the destination, for real, and shows what happened.
import { useState } from 'react';
import { ErrorMessage } from '../../components/error-message.js';
import { OutcomeView } from '../../components/outcome-view.js';
import { testDraft, type MappingDraft, type MappingTestAnswer } from './mappings-api.js';

interface Props {
  destinationId: string;
  /** The request to test, or undefined with the reason it cannot be made yet. */
  prepare: () => { body?: MappingDraft; event?: unknown; problem?: string };
}

export function MappingTestPanel({ destinationId, prepare }: Props) {
  const [answer, setAnswer] = useState<MappingTestAnswer>();
  const [error, setError] = useState<unknown>();
  const [problem, setProblem] = useState<string>();
  const [running, setRunning] = useState(false);

  async function run() {
    setAnswer(undefined);
    setError(undefined);
    const { body, event, problem: reason } = prepare();
    setProblem(reason);
    if (!body) return;
    setRunning(true);
    try {
      setAnswer(await testDraft(destinationId, body, event));
    } catch (caught) {
      setError(caught);
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="mapping-test stack">
      <p className="hint">
        Runs this mapping, as it is in the editor (saved or not), on the test event and sends the result to the
        destination for real: a contact, company or event is created or updated there. Nothing is saved in ferry.
      </p>
      <button type="button" onClick={run} disabled={running}>
        {running ? 'Sending…' : 'Send test event'}
      </button>
      <div role="status" aria-live="polite">
        {answer && (
          <p className="test-verdict">
            {answer.matched
              ? 'The trigger matches this event: events like it are sent by this mapping.'
              : 'The trigger does not match this event: events like it are not sent by this mapping (it ran anyway for the test).'}
          </p>
        )}
      </div>
      {problem && <p className="field-error" role="alert">{problem}</p>}
      <ErrorMessage error={error} title="The test could not run" />
      {answer && <OutcomeView outcome={answer.outcome} />}
    </div>
  );
}
