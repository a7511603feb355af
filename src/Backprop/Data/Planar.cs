using System.Numerics;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Data;

/// <summary>The course's planar "flower" (week 3, <c>load_planar_dataset</c>): for class j = 0, 1 and N points each,
/// t = linspace(3.12·j, 3.12·(j+1), N) + 0.2·randn(N), r = 4·sin(4t) + 0.2·randn(N), point (r·sin t, r·cos t), label j;
/// drawn from NumPy's generator seeded with 1. X [2N × 2], Y [2N × 1]; rows 0 … N−1 are class 0.</summary>
public static class Planar
{
    /// <summary>The CSV copy under the data root (400 points, 17 significant digits).</summary>
    public const string File = "planar/planar_flower_400.csv";

    /// <summary>The feature names, as in the CSV header.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } = ["x1", "x2"];

    /// <summary>The class names, the labels themselves (the course draws 0 red and 1 blue).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1"];

    /// <summary>The flower computed as the course computes it (float64 throughout, then converted to T). With the defaults it
    /// equals NumPy's points to within the few ulp by which NumPy's vectorised sin and cos (SVML, on AVX-512) may differ
    /// from the C library's.</summary>
    public static Dataset<T> Generate<T>(int pointsPerClass = 200, uint seed = 1) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (pointsPerClass < 1) throw new ArgumentOutOfRangeException(nameof(pointsPerClass), pointsPerClass, "Each class needs at least one point.");
        const double MaxRadius = 4;
        int n = pointsPerClass, m = 2 * n;
        var random = new NumpyRandom(seed);
        var x = Tensor<T>.Zeros(m, 2);
        var y = Tensor<T>.Zeros(m, 1);
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        var angleNoise = new double[n];
        var radiusNoise = new double[n];
        for (int j = 0; j < 2; j++)
        {
            var line = Linspace(3.12 * j, 3.12 * (j + 1), n);
            random.FillGaussian(angleNoise);
            random.FillGaussian(radiusNoise);
            for (int i = 0; i < n; i++)
            {
                double t = line[i] + 0.2 * angleNoise[i];
                double r = MaxRadius * Math.Sin(4 * t) + 0.2 * radiusNoise[i];
                int row = j * n + i;
                xs[2 * row] = T.CreateChecked(r * Math.Sin(t));
                xs[2 * row + 1] = T.CreateChecked(r * Math.Cos(t));
                ys[row] = T.CreateChecked(j);
            }
        }
        return new Dataset<T>(x, y, ClassNames, FeatureNames);
    }

    /// <summary>Reads the flower from a CSV with columns x1, x2, y (by default <see cref="File"/> under the data root).</summary>
    public static Dataset<T> Load<T>(string? path = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var table = CsvTable.Read(path ?? DataPaths.Find(File));
        int c1 = table.ColumnIndex("x1"), c2 = table.ColumnIndex("x2"), cy = table.ColumnIndex("y");
        int m = table.RowCount;
        var x = Tensor<T>.Zeros(m, 2);
        var y = Tensor<T>.Zeros(m, 1);
        var xs = x.AsSpan();
        var ys = y.AsSpan();
        for (int i = 0; i < m; i++)
        {
            xs[2 * i] = T.CreateChecked(table.Number(i, c1));
            xs[2 * i + 1] = T.CreateChecked(table.Number(i, c2));
            double label = table.Number(i, cy);
            if (label is not (0 or 1)) throw table.Error(i, cy, $"the label {label} is neither 0 nor 1");
            ys[i] = T.CreateChecked(label);
        }
        return new Dataset<T>(x, y, ClassNames, FeatureNames);
    }

    /// <summary>NumPy's <c>linspace(start, stop, num)</c> as it computes it: start + i·((stop − start)/(num − 1)), last = stop.</summary>
    internal static double[] Linspace(double start, double stop, int count)
    {
        var values = new double[count];
        if (count == 1) { values[0] = start; return values; }
        double step = (stop - start) / (count - 1);
        for (int i = 0; i < count; i++) values[i] = i * step + start;
        values[^1] = stop;
        return values;
    }
}
