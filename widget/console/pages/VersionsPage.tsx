/** Every published version: view one, compare it with the current FAQ, roll back to it. */
import { Component } from "preact";
import type { FaqVersion, FaqVersionSummary } from "../../../worker/src/protocol";
import { adminApi } from "../admin-api";
import { Diff } from "../Diff";
import { Feedback, failureMessage } from "../Feedback";

interface State {
  versions: FaqVersionSummary[];
  current?: FaqVersion;
  selected?: FaqVersion | undefined;
  status: string;
  error: string;
}

export class VersionsPage extends Component<{ onUnauthorized: () => void }, State> {
  override state: State = { versions: [], status: "", error: "" };

  override componentDidMount(): void {
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const versions = await adminApi.versions();
      const latest = versions[0];
      const current = latest ? await adminApi.version(latest.version) : undefined;
      this.setState({ versions, ...(current ? { current } : {}) });
    } catch (err) {
      this.#fail(err);
    }
  }

  #fail(err: unknown): void {
    const error = failureMessage(err, this.props.onUnauthorized);
    if (error !== null) this.setState({ error });
  }

  view = async (version: number): Promise<void> => {
    try {
      this.setState({ selected: await adminApi.version(version) });
    } catch (err) {
      this.#fail(err);
    }
  };

  rollBack = async (version: number): Promise<void> => {
    if (!confirm(`Publish version ${version}'s content again as a new version?`)) return;
    try {
      const published = await adminApi.rollback(version);
      this.setState({
        status: `Version ${version} is live again, as version ${published.version}.`,
        selected: undefined,
      });
      await this.#load();
    } catch (err) {
      this.#fail(err);
    }
  };

  override render() {
    const { versions, current, selected, status, error } = this.state;
    return (
      <section aria-labelledby="versions-title">
        <h1 id="versions-title">Versions</h1>
        <Feedback status={status} error={error} />
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling table must be reachable by keyboard (axe scrollable-region-focusable) */}
        <section class="table-wrap" aria-label="Published versions" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Published</th>
                <th scope="col">Note</th>
                <th scope="col">Size</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    {v.version}
                    {v.version === current?.version && <span class="badge">live</span>}
                  </td>
                  <td>{new Date(v.updatedAt).toLocaleString()}</td>
                  <td>{v.note}</td>
                  <td>{(v.size / 1024).toFixed(1)} KB</td>
                  <td class="actions">
                    <button type="button" class="quiet" onClick={() => void this.view(v.version)}>
                      View version {v.version}
                    </button>
                    {v.version !== current?.version && (
                      <button type="button" onClick={() => void this.rollBack(v.version)}>
                        Roll back to {v.version}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        {selected && current && (
          <section aria-labelledby="selected-title">
            <h2 id="selected-title">
              Version {selected.version} compared with the live version {current.version}
            </h2>
            <Diff before={current.content} after={selected.content} />
          </section>
        )}
      </section>
    );
  }
}
