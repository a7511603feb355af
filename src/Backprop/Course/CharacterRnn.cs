using Backprop.Randomness;

namespace Backprop.Course;

/// <summary>The course's character-level RNN (Dinosaurus Island), one example at a time, in float64 and in the course's
/// own order of operations so that its printed run reproduces: a⟨t⟩ = tanh(Wax·x⟨t⟩ + Waa·a⟨t−1⟩ + b),
/// ŷ⟨t⟩ = softmax(Wya·a⟨t⟩ + by), loss = −Σ_t log ŷ⟨t⟩[y⟨t⟩]; backward through time (rnn_backward), every gradient clipped
/// to [−5, 5], then θ += −α·dθ. Wax (n_a, V), Waa (n_a, n_a), Wya (V, n_a), b (n_a), by (V), row-major.</summary>
public sealed class CharacterRnn
{
    private readonly double[] _wax, _waa, _wya, _b, _by;
    private readonly double[] _dWax, _dWaa, _dWya, _db, _dby;
    private double[][] _a = [], _y = [];
    private readonly double[] _da, _daNext, _draw, _dy;

    /// <summary>initialize_parameters: <c>np.random.seed(seed)</c>, then Wax, Waa, Wya = randn·0.01 in that order, b = by = 0.</summary>
    public CharacterRnn(int vocabularySize, int hiddenSize, uint seed = 1)
    {
        (Vocabulary, Hidden) = (vocabularySize, hiddenSize);
        var random = new NumpyRandom(seed);
        double[] Draw(int n) { var w = new double[n]; for (int i = 0; i < n; i++) w[i] = random.NextGaussian() * 0.01; return w; }
        (_wax, _waa, _wya) = (Draw(hiddenSize * vocabularySize), Draw(hiddenSize * hiddenSize), Draw(vocabularySize * hiddenSize));
        (_b, _by) = (new double[hiddenSize], new double[vocabularySize]);
        (_dWax, _dWaa, _dWya, _db, _dby) = (new double[_wax.Length], new double[_waa.Length], new double[_wya.Length], new double[hiddenSize], new double[vocabularySize]);
        (_da, _daNext, _draw, _dy) = (new double[hiddenSize], new double[hiddenSize], new double[hiddenSize], new double[vocabularySize]);
    }

    /// <summary>V, the number of characters.</summary>
    public int Vocabulary { get; }

    /// <summary>n_a.</summary>
    public int Hidden { get; }

    /// <summary>One step of optimize(): forward from <paramref name="aPrev"/> over inputs <paramref name="x"/> (−1 = the zero
    /// vector) with targets <paramref name="y"/>, backward, clip(5), update. Returns the loss; <paramref name="aPrev"/> becomes a⟨T⟩.</summary>
    public double Optimize(ReadOnlySpan<int> x, ReadOnlySpan<int> y, double[] aPrev, double learningRate)
    {
        int steps = x.Length, n = Hidden, v = Vocabulary;
        if (_a.Length < steps + 1) { _a = Jagged(steps + 1, n); _y = Jagged(steps, v); }
        aPrev.CopyTo(_a[0], 0);
        double loss = 0;
        for (int t = 0; t < steps; t++)
        {
            Step(x[t], _a[t], _a[t + 1]);
            Output(_a[t + 1], _y[t]);
            loss -= Math.Log(_y[t][y[t]]);
        }
        Array.Clear(_dWax); Array.Clear(_dWaa); Array.Clear(_dWya); Array.Clear(_db); Array.Clear(_dby); Array.Clear(_daNext);
        for (int t = steps - 1; t >= 0; t--)
        {
            double[] a = _a[t + 1], a0 = _a[t];
            _y[t].CopyTo(_dy, 0);
            _dy[y[t]] -= 1;
            for (int i = 0; i < v; i++) { for (int j = 0; j < n; j++) _dWya[i * n + j] += _dy[i] * a[j]; _dby[i] += _dy[i]; }
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int i = 0; i < v; i++) s += _wya[i * n + j] * _dy[i];
                _da[j] = s + _daNext[j];
            }
            for (int j = 0; j < n; j++)
            {
                _draw[j] = (1 - a[j] * a[j]) * _da[j];
                _db[j] += _draw[j];
                if (x[t] >= 0) _dWax[j * v + x[t]] += _draw[j];
                for (int k = 0; k < n; k++) _dWaa[j * n + k] += _draw[j] * a0[k];
            }
            for (int k = 0; k < n; k++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s += _waa[j * n + k] * _draw[j];
                _daNext[k] = s;
            }
        }
        Update(_wax, _dWax, learningRate); Update(_waa, _dWaa, learningRate); Update(_wya, _dWya, learningRate);
        Update(_b, _db, learningRate); Update(_by, _dby, learningRate);
        _a[steps].CopyTo(aPrev, 0);
        return loss;
    }

    /// <summary>The course's sample(): from a zero input and state, draw each next character with
    /// <c>np.random.seed(seed + t)</c> and <c>np.random.choice(V, p=ŷ)</c>, seed advancing with the counter as well (seed
    /// s + 2t at step t), until <paramref name="stop"/> or 50 characters (then <paramref name="stop"/> is appended).</summary>
    public List<int> Sample(int seed, int stop, int maxLength = 50)
    {
        var (a, aNext, p) = (new double[Hidden], new double[Hidden], new double[Vocabulary]);
        var indices = new List<int>();
        int idx = -1, counter = 0, x = -1;
        while (idx != stop && counter != maxLength)
        {
            Step(x, a, aNext);
            Output(aNext, p);
            idx = new NumpyRandom((uint)(counter + seed)).Choice(p);
            indices.Add(idx);
            x = idx;
            (a, aNext) = (aNext, a);
            seed++;
            counter++;
        }
        if (counter == maxLength) indices.Add(stop);
        return indices;
    }

    /// <summary>a = tanh(Wax·x + Waa·a_prev + b), x one-hot at <paramref name="x"/> (none when −1).</summary>
    private void Step(int x, double[] aPrev, double[] a)
    {
        int n = Hidden, v = Vocabulary;
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int k = 0; k < n; k++) s += _waa[j * n + k] * aPrev[k];
            double wx = x >= 0 ? _wax[j * v + x] : 0;
            a[j] = Math.Tanh(wx + s + _b[j]);
        }
    }

    /// <summary>ŷ = softmax(Wya·a + by), with the course's max subtraction and NumPy's pairwise sum.</summary>
    private void Output(double[] a, double[] y)
    {
        int n = Hidden, v = Vocabulary;
        double max = double.NegativeInfinity;
        for (int i = 0; i < v; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += _wya[i * n + j] * a[j];
            y[i] = s + _by[i];
            max = Math.Max(max, y[i]);
        }
        for (int i = 0; i < v; i++) y[i] = Math.Exp(y[i] - max);
        double sum = NumpySum.Pairwise(y);
        for (int i = 0; i < v; i++) y[i] /= sum;
    }

    private static void Update(double[] w, double[] g, double learningRate)
    {
        for (int i = 0; i < w.Length; i++) w[i] += -learningRate * Math.Clamp(g[i], -5, 5);
    }

    private static double[][] Jagged(int rows, int cols) => Enumerable.Range(0, rows).Select(_ => new double[cols]).ToArray();
}
