using System.CommandLine;
using System.Diagnostics;
using Backprop.Kernels;
using Backprop.Randomness;
using Backprop.Tensors;
using static Backprop.Cli.Demos.DemoText;

namespace Backprop.Cli.Demos;

/// <summary><c>backprop demo vectorization</c>: the notes' "avoid explicit for-loops". First Σᵢ aᵢbᵢ over n = 10⁶ floats as
/// a for-loop, as <c>(a * b).Sum()</c> on <see cref="Tensor{T}"/>, as <c>Tensor.MatMul</c> [1×n]·[n×1], and as our GEMM
/// kernel on spans; then the logistic-regression gradient dw = Xᵀ(A − Y)/m, db = Σ(A − Y)/m with A = σ(Xw + b), as loops
/// over examples and features against the vectorised form. Each time is the best of several runs after a warm-up.</summary>
public static class VectorizationDemo
{
    /// <summary>Vector length n, timing repeats, and the gradient problem's m examples × n features.</summary>
    public sealed record Settings(int Size = 1_000_000, int Repeats = 10, int Examples = 10_000, int Features = 784);

    /// <summary>Milliseconds per method (best of the repeats), and the largest disagreement with the loop's answer.</summary>
    public sealed record Result(IReadOnlyList<(string Method, double Ms)> Dot, double DotRelativeError,
        double LoopGradientMs, double VectorGradientMs, double GradientMaxError);

    public static Command Create()
    {
        var size = DemoOptions.Int("--size", 1_000_000, "Length of the two vectors in the dot product");
        var repeats = DemoOptions.Int("--repeats", 10, "Timed runs per method; the best is reported");
        var examples = DemoOptions.Int("--examples", 10_000, "Examples m in the logistic-regression gradient");
        var features = DemoOptions.Int("--features", 784, "Features n in the logistic-regression gradient");
        var command = new Command("vectorization", "Time a 10⁶-element dot product and the logistic-regression gradient: for-loops against vectorised code.")
        { size, repeats, examples, features };
        command.SetAction(parse =>
        {
            var settings = new Settings(DemoOptions.AtLeast(parse.GetValue(size), 1, "--size"), DemoOptions.AtLeast(parse.GetValue(repeats), 1, "--repeats"),
                DemoOptions.AtLeast(parse.GetValue(examples), 1, "--examples"), DemoOptions.AtLeast(parse.GetValue(features), 1, "--features"));
            Run(settings, parse.InvocationConfiguration.Output);
            return 0;
        });
        return command;
    }

    public static Result Run(Settings s, TextWriter output)
    {
        if (JitOptimizerDisabled()) output.WriteLine("(a Debug build: the JIT does not optimise it, so the for-loops run several times slower than in Release)");
        Heading(output, $"Vectorization: a dot product of {s.Size:N0} floats, best of {s.Repeats} runs");
        var random = new NumpyRandom(1);
        var a = Tensor<float>.RandomUniform(random, s.Size);
        var b = Tensor<float>.RandomUniform(random, s.Size);
        var loop = Time(s.Repeats, () => LoopDot(a.AsReadOnlySpan(), b.AsReadOnlySpan()));
        var tensor = Time(s.Repeats, () => (a * b).Sum().ToScalar());
        var aRow = a.Reshape(1, s.Size);
        var bRow = b.Reshape(1, s.Size);
        var matmul = Time(s.Repeats, () => Tensor<float>.MatMul(aRow, bRow, transposeB: true).ToScalar());
        var c = new float[1];
        var kernel = Time(s.Repeats, () =>
        {
            Gemm.Multiply(false, true, 1, 1, s.Size, 1f, a.AsReadOnlySpan(), s.Size, b.AsReadOnlySpan(), s.Size, 0f, c, 1);
            return c[0];
        });
        var column = Time(s.Repeats, () =>
        {
            Gemm.Multiply(false, false, 1, 1, s.Size, 1f, a.AsReadOnlySpan(), s.Size, b.AsReadOnlySpan(), 1, 0f, c, 1);
            return c[0];
        });
        var dot = new List<(string Method, double Ms, double Value)>
        {
            ("for-loop", loop.Ms, loop.Value), ("Tensor (a * b).Sum()", tensor.Ms, tensor.Value), ("Tensor.MatMul(a, bᵀ)", matmul.Ms, matmul.Value),
            ("Gemm kernel a·bᵀ", kernel.Ms, kernel.Value), ("Gemm kernel, b as [n×1]", column.Ms, column.Value),
        };
        double error = dot.Max(d => Math.Abs(d.Value - loop.Value)) / Math.Abs(loop.Value);
        Table(output, ["method", "ms", "loop / method", "a·b"],
            dot.Select(d => new[] { d.Method, F(d.Ms, "F3"), F(loop.Ms / d.Ms, "F1") + "×", F(d.Value, "F2") }));
        Claim(output, "a Python for-loop takes about 500 ms, np.dot about 1.5 ms: some 300× faster.",
            $"the C# for-loop takes {F(loop.Ms, "F3")} ms (compiled, not interpreted), Tensor {F(tensor.Ms, "F3")} ms ({Speed(loop.Ms, tensor.Ms)}), " +
            $"the kernel {F(kernel.Ms, "F3")} ms ({Speed(loop.Ms, kernel.Ms)}, SIMD on {Gemm.MaxThreads} thread(s)); " +
            $"with b stored as a column the kernel packs it and takes {F(column.Ms, "F3")} ms. All agree to {F(error, "E1")} relative.");

        var (loopMs, vectorMs, maxError) = Gradient(s, output);
        return new Result(dot.Select(d => (d.Method, d.Ms)).ToList(), error, loopMs, vectorMs, maxError);
    }

    private static (double LoopMs, double VectorMs, double MaxError) Gradient(Settings s, TextWriter output)
    {
        int m = s.Examples, n = s.Features;
        output.WriteLine($"Logistic-regression gradient, m = {m:N0} examples, n = {n} features");
        var random = new NumpyRandom(2);
        var x = Tensor<float>.RandomUniform(random, m, n);
        var w = Tensor<float>.RandomNormal(random, 1, n) * 0.01f;             // a row, so that Xwᵀ reads both along n
        var y = Tensor<float>.RandomUniform(random, m, 1).GreaterThan(0.5f);
        const float B = 0.1f;
        var dwLoop = new float[n];
        var loop = Time(s.Repeats, () => LoopGradient(x.AsReadOnlySpan(), w.AsReadOnlySpan(), B, y.AsReadOnlySpan(), m, n, dwLoop));
        Tensor<float>? dw = null;
        var vector = Time(s.Repeats, () =>
        {
            var dz = (Tensor<float>.MatMul(x, w, transposeB: true) + B).Sigmoid() - y; // A − Y  [m × 1]
            dw = Tensor<float>.MatMul(dz.Reshape(1, m), x) * (1f / m);         // (A − Y)ᵀX/m = (Xᵀ(A − Y))ᵀ/m  [1 × n]
            return dz.Sum().ToScalar() / m;                                     // db
        });
        double maxError = 0;
        var dwVector = dw!.AsReadOnlySpan();
        for (int j = 0; j < n; j++) maxError = Math.Max(maxError, Math.Abs(dwVector[j] - dwLoop[j]));
        Table(output, ["method", "ms", "loop / method"],
            [["loops over i and j", F(loop.Ms, "F3"), "1.0×"], ["(A − Y)ᵀX/m by Tensor.MatMul", F(vector.Ms, "F3"), F(loop.Ms / vector.Ms, "F1") + "×"]]);
        Claim(output, "two explicit loops (over m examples and n features) are slow; the vectorised dw = X(A − Y)ᵀ/m replaces both.",
            $"loops {F(loop.Ms, "F3")} ms, vectorised {F(vector.Ms, "F3")} ms: {Speed(loop.Ms, vector.Ms)}" +
            (vector.Ms > loop.Ms / 2 ? " (both are matrix-vector products bound by reading X; our GEMM packs X for them, and C# loops are compiled)" : "") + $"; db {F(vector.Value, "F5")} = {F(loop.Value, "F5")}, dw agrees to {F(maxError, "E1")}.");
        return (loop.Ms, vector.Ms, maxError);
    }

    /// <summary>The notes' loop: for each example z = wᵀx + b, a = σ(z), dz = a − y, then dw += x·dz and db += dz; / m.</summary>
    private static float LoopGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> w, float b, ReadOnlySpan<float> y, int m, int n, float[] dw)
    {
        Array.Clear(dw);
        float db = 0;
        for (int i = 0; i < m; i++)
        {
            float z = b;
            for (int j = 0; j < n; j++) z += w[j] * x[i * n + j];
            float dz = 1f / (1f + MathF.Exp(-z)) - y[i];
            for (int j = 0; j < n; j++) dw[j] += x[i * n + j] * dz;
            db += dz;
        }
        for (int j = 0; j < n; j++) dw[j] /= m;
        return db / m;
    }

    private static string Speed(double baseMs, double ms) =>
        ms <= baseMs ? $"{F(baseMs / ms, "F1")}× faster" : $"{F(ms / baseMs, "F1")}× slower";

    private static bool JitOptimizerDisabled() =>
        new[] { typeof(VectorizationDemo).Assembly, typeof(Gemm).Assembly }.Any(assembly =>
            assembly.GetCustomAttributes(typeof(DebuggableAttribute), false).OfType<DebuggableAttribute>().Any(d => d.IsJITOptimizerDisabled));

    private static float LoopDot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (int i = 0; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>Runs once to warm up (JIT, buffers), then <paramref name="repeats"/> times; the best time and the last value.</summary>
    private static (double Ms, double Value) Time(int repeats, Func<float> run)
    {
        double value = run(), best = double.MaxValue;
        for (int r = 0; r < repeats; r++)
        {
            long start = Stopwatch.GetTimestamp();
            value = run();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return (best, value);
    }
}
