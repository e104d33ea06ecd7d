/**
 * `npm run train -- <model> [options]`: trains a learned component from openly licensed data kept outside the repo.
 * Models: entities (scripts/train/entities.ts).
 */
const MODELS = ['entities'] as const;

const HELP = `Usage: npm run train -- <model> [options]

Models: ${MODELS.join(', ')}

entities options:
  --corpora DIR   corpora directory (default: $NEWSFLOW_CORPORA, else ../traindata); see data/models/entities/NOTICE.md
  --epochs N      perceptron epochs (default 8)
  --bits B        log2 of hashed feature buckets (default 18)
  --out FILE      weights file (default data/models/entities/weights.bin.gz)
  --score-only    score the existing weights on the held-back documents, do not train
`;

async function main(): Promise<number> {
  const [model, ...rest] = process.argv.slice(2);
  if (!model || model === '-h' || model === '--help') {
    process.stdout.write(HELP);
    return model ? 0 : 2;
  }
  if (!(MODELS as readonly string[]).includes(model)) {
    process.stderr.write(`train: unknown model ${model}\n\n${HELP}`);
    return 2;
  }
  const mod = (await import(`./train/${model}.js`)) as { run(argv: string[]): Promise<number> };
  return mod.run(rest);
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`train: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
