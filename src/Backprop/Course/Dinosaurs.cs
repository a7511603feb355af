using System.Globalization;
using Backprop.Randomness;

namespace Backprop.Course;

/// <summary>One printed checkpoint of the dinosaur run: the smoothed loss ℓ ← 0.999·ℓ + 0.001·loss and the sampled names.</summary>
public sealed record DinosaurReport(int Iteration, double Loss, IReadOnlyList<string> Names)
{
    /// <summary>The notebook's line, "Iteration: 2000, Loss: 27.884160".</summary>
    public string LossLine => string.Create(CultureInfo.InvariantCulture, $"Iteration: {Iteration}, Loss: {Loss:F6}");
}

/// <summary>The course's Dinosaurus Island model (Course 5, week 1): the text lower-cased, characters = sorted distinct
/// characters ('\n' and a–z: V = 27), the names shuffled by <c>np.random.seed(0); np.random.shuffle</c>, then one name per
/// iteration j (name j mod N) through <see cref="CharacterRnn.Optimize"/> with X = [none] + ids, Y = ids + ['\n'], the
/// hidden state carried from name to name, α = 0.01, n_a = 50; every 2,000 iterations 7 names sampled with seeds 0…6.
/// In float64 this reproduces the notebook's lines through iteration 12,000 (later ones depend on BLAS summation order).</summary>
public static class Dinosaurs
{
    /// <summary>The names file under the data root.</summary>
    public const string DataFile = "course45/dinos.txt";

    /// <summary>Runs <paramref name="iterations"/> iterations on <paramref name="text"/>, yielding a report every
    /// <paramref name="sampleEvery"/> iterations (from iteration 0).</summary>
    public static IEnumerable<DinosaurReport> Run(string text, int iterations = 22001, int sampleEvery = 2000, int names = 7, int hidden = 50)
    {
        var data = text.ToLowerInvariant();
        var chars = data.Distinct().Order().ToArray();
        if (Array.IndexOf(chars, '\n') < 0) throw new ArgumentException("The names text needs one name per line.");
        var index = chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
        int newline = index['\n'];
        var examples = data.Split('\n').Select(line => line.Trim()).ToArray();
        new NumpyRandom(0).Shuffle<string>(examples);
        var model = new CharacterRnn(chars.Length, hidden);
        double loss = -Math.Log(1.0 / chars.Length) * names;
        var aPrev = new double[hidden];
        for (int j = 0; j < iterations; j++)
        {
            var example = examples[j % examples.Length];
            var x = new int[example.Length + 1];
            var y = new int[example.Length + 1];
            x[0] = -1;
            for (int t = 0; t < example.Length; t++) x[t + 1] = y[t] = index[example[t]];
            y[^1] = newline;
            double current = model.Optimize(x, y, aPrev, 0.01);
            loss = loss * 0.999 + current * 0.001;
            if (j % sampleEvery != 0) continue;
            var sampled = new string[names];
            for (int s = 0; s < names; s++) sampled[s] = Name(model.Sample(s, newline), chars);
            yield return new DinosaurReport(j, loss, sampled);
        }
    }

    /// <summary>get_sample: the characters with the first upper-cased, and the newline dropped.</summary>
    private static string Name(List<int> indices, char[] chars)
    {
        var text = new string(indices.Select(i => chars[i]).ToArray());
        return (char.ToUpperInvariant(text[0]) + text[1..]).Replace("\n", "");
    }
}
