#:project ../src/Backprop/Backprop.csproj
// A character-level GPT beside the character LSTM, on any text file (default: the course's dinosaur names), with the same
// training budget and a held-out tail of the text (the last 10 %) for both validation losses.
// GPT: ids → Embedding (V, 128) + learned positions (128, 128) → 4 causal pre-norm transformer blocks (4 heads, GELU MLP of
// 512) → LayerNorm → Dense (V, softmax); AdamW with a linear warm-up and a cosine decay, gradients clipped to norm 1.
// LSTM: the course's ids → Embedding (V, 32) → LSTM (128) → Dense (V, softmax), Adam α = 0.005.
// Usage: dotnet run samples/char-gpt.cs [file.txt] [epochs]. Both models train for the same number of epochs (default: the
// CLI's, about 600 steps) over the same windows (of 128 characters, overlapping as the CLI's GPT windows do; the GPT with
// the CLI's dropout of 0.1), and each prints its best validation loss and five samples.
using Backprop.Data;
using Backprop.Data.Tokens;
using Backprop.Defaults;
using Backprop.Losses;
using Backprop.Models;
using Backprop.Optimizers;
using Backprop.Randomness;
using Backprop.Training;
using Backprop.Training.Callbacks;

var path = args.Length > 0 ? args[0] : DataPaths.Find("course45/dinos.txt");
var text = new CharacterText(File.ReadAllText(path));
var ids = new TokenText("char", text.Text);                     // the same ids, with windows at any stride
int held = text.Text.Length / 10, context = 128, batch = 32;
int stride = TrainingDefaults.Text.Transformer.WindowStride(text.Text.Length - held, text.Vocabulary.Length); // L/4 on a small text
var (x, y) = ids.Windows<float>(context, ..^held, stride);     // the first 90 %: X (N, 128) ids, Y (N, 128, V) one-hot
var (xv, yv) = ids.Windows<float>(context, ^held..);           // the last 10 %, never trained on
int epochs = args.Length > 1 ? int.Parse(args[1]) : TrainingDefaults.Text.Transformer.Epochs(x.Dim(0), batch); // ~600 steps
int steps = epochs * ((x.Dim(0) + batch - 1) / batch);

var gpt = CharacterModel.Transformer<float>(text.Vocabulary.Length, context, width: 128, heads: 4, blocks: 4,
    dropout: TrainingDefaults.Text.Transformer.Dropout, seed: 1);
var adamw = new ScheduledOptimizer(new ClipByGlobalNorm(new AdamW(0.001, weightDecay: 0.1), maxNorm: 1.0),
    new WarmupCosineDecay(0.001, warmup: Math.Max(1, steps / 20), total: steps + 1), stepsPerEpoch: 1);
var lstm = CharacterModel.Lstm<float>(text.Vocabulary.Length);

foreach (var (name, model, optimizer) in new[] { ("GPT", gpt, (IOptimizer)adamw), ("LSTM", lstm, new Adam(0.005)) })
{
    var best = new EarlyStopping(patience: epochs);              // keeps the best epoch's weights, never stops early here
    var options = TrainingOptions.MiniBatch(epochs, batch, new NumpyRandom(1)) with { Callbacks = [best] };
    var started = DateTime.UtcNow;
    var history = model.Fit(x, y, Loss.SoftmaxCrossEntropy, optimizer, options, xv, yv);
    Console.WriteLine($"{name}: training loss {history.Epochs[0].Cost:F3} → {history.Epochs[^1].Cost:F3}, best validation loss " +
                      $"{best.BestCost:F3} (epoch {best.BestEpoch + 1}), {(DateTime.UtcNow - started).TotalSeconds:F0} s");
    var random = new NumpyRandom(0);
    bool lines = text.Vocabulary.Contains('\n');
    for (int i = 0; i < 5; i++)
        Console.WriteLine("  " + CharacterModel.Sample(model, text.Vocabulary, random, lines ? '\n' : text.Text[0], lines ? '\n' : null, 80,
            new TextSampling(temperature: 0.8)));
}
