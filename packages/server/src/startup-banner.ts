/**
 * What the CLI prints at start. The host token appears (in the `/host` and `/dashboard` URLs) only
 * when the server generated it: a token the operator set (`ONCUE_HOST_TOKEN`) is never written to
 * the logs, where anyone who reads them could take over the rooms.
 */
export function startupBanner(url: string, hostToken: string, tokenGenerated: boolean): string[] {
  const token = tokenGenerated ? encodeURIComponent(hostToken) : '<ONCUE_HOST_TOKEN>';
  return [
    `OnCue server listening on ${url}`,
    `  stream page:  ${url}/?room=demo`,
    `  host console: ${url}/host?room=demo&token=${token}`,
    `  dashboard:    ${url}/dashboard?room=demo&token=${token}`,
    `  SDK:          ${url}/sdk/oncue.min.js`,
    `  REST API:     ${url}/api/rooms/demo/interactions  (Authorization: Bearer <host token>)`,
    tokenGenerated ? `  host token:   ${hostToken}  (generated; set ONCUE_HOST_TOKEN to keep one)` : '  host token:   from ONCUE_HOST_TOKEN (not printed)',
  ];
}
