// Starts the reference Bluesky network from @atproto/dev-env for the tests:
// PLC + PDS + AppView (full) or PLC + PDS only (--no-appview).
// Prints one line "READY {json}" with the URLs, then runs until SIGTERM.
// Usage: node launcher.mjs --plc-port N --pds-port N [--bsky-port N] [--no-appview]
// The full network needs DB_POSTGRES_URL and REDIS_HOST in the environment.
import { TestNetwork, TestNetworkNoAppView } from '@atproto/dev-env'

const args = process.argv.slice(2)
const option = (name) => {
  const at = args.indexOf(name)
  return at >= 0 ? Number(args[at + 1]) : undefined
}
const noAppView = args.includes('--no-appview')
const started = Date.now()

const main = async () => {
  const plc = { port: option('--plc-port') }
  const pds = { port: option('--pds-port'), hostname: 'localhost' }
  let network
  if (noAppView) {
    network = await TestNetworkNoAppView.create({ plc, pds })
  } else {
    const bskyPort = option('--bsky-port')
    network = await TestNetwork.create({
      dbPostgresSchema: 'smalltown',
      plc,
      pds,
      bsky: { port: bskyPort, publicUrl: `http://localhost:${bskyPort}` },
    })
  }
  const urls = {
    plc: network.plc.url,
    pds: network.pds.url,
    bsky: noAppView ? null : network.bsky.url,
    seconds: (Date.now() - started) / 1000,
  }
  let closing = false
  const stop = async () => {
    if (closing) return
    closing = true
    try {
      await network.close()
    } finally {
      process.exit(0)
    }
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  console.log(`READY ${JSON.stringify(urls)}`)
}

main().catch((err) => {
  console.error('FAILED', err)
  process.exit(1)
})
