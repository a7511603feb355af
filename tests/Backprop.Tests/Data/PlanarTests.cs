using Backprop.Data;

namespace Backprop.Tests.Data;

/// <summary>The flower generated in code against the CSV made by NumPy (17 significant digits) and COURSE_REFERENCE.md §3.1.</summary>
public class PlanarTests
{
    /// <summary>The CSV was made by NumPy 1.24 on an AVX-512 machine, where np.sin and np.cos of float64 run Intel's SVML
    /// (up to 4 ulp, numpy PR 19478); .NET's Math.Sin/Cos are the C library's (under 1 ulp). Everything else (seed, normals,
    /// linspace, order of operations) is identical, so the points agree to a few ulp: at most 1.8e-15 absolute for |x| ≤ 4.5,
    /// inside SVML's 4-ulp bound of 4 · 8.9e-16.</summary>
    [Fact]
    public void The_generated_flower_equals_the_csv_to_the_last_few_bits()
    {
        var csv = Planar.Load<double>(TestData.Fixture(Planar.File));
        var generated = Planar.Generate<double>();
        Assert.Equal([400, 2], csv.X.Shape.ToArray());
        Assert.Equal(csv.X.Shape.ToArray(), generated.X.Shape.ToArray());
        Assert.Equal(csv.Y.ToArray(), generated.Y.ToArray());
        var a = csv.X.ToArray();
        var b = generated.X.ToArray();
        double worst = a.Zip(b, (p, q) => Math.Abs(p - q)).Max();
        Assert.True(worst <= 3.6e-15, $"largest difference {worst:E3}");
    }

    [Fact]
    public void The_generated_flower_starts_with_the_published_points_and_statistics()
    {
        var data = Planar.Generate<double>();
        Assert.Equal(1.20444229, data.X[0, 0], 8);
        Assert.Equal(3.57611415, data.X[0, 1], 8);
        Assert.Equal(0.1587099, data.X[1, 0], 7);
        Assert.Equal(-1.4821709, data.X[1, 1], 7);
        Assert.Equal(0.0952472, data.X[2, 0], 7);
        Assert.Equal(-1.27995533, data.X[2, 1], 8);
        var x = data.X.ToArray();
        var x1 = x.Where((_, i) => i % 2 == 0).ToArray();
        var x2 = x.Where((_, i) => i % 2 == 1).ToArray();
        Assert.Equal(-0.04334591, x1.Average(), 8);
        Assert.Equal(0.06856587, x2.Average(), 8);
        Assert.Equal(1.96748554, Math.Sqrt(x1.Average(v => (v - x1.Average()) * (v - x1.Average()))), 8);
        Assert.Equal(2.00359177, Math.Sqrt(x2.Average(v => (v - x2.Average()) * (v - x2.Average()))), 8);
        Assert.Equal(200, data.Labels().Count(l => l == 1));
        Assert.All(data.Labels()[..200], l => Assert.Equal(0, l));
        Assert.Equal(["x1", "x2"], data.FeatureNames!);
    }

    [Fact]
    public void Linspace_matches_numpy_including_the_exact_last_point()
    {
        Assert.Equal([0.0, 0.25, 0.5, 0.75, 1.0], Planar.Linspace(0, 1, 5));
        var line = Planar.Linspace(3.12, 6.24, 200);
        Assert.Equal(3.12, line[0]);
        Assert.Equal(6.24, line[^1]);
        Assert.Equal(3.12 + 7 * (3.12 / 199), line[7]);
        Assert.Equal([2.0], Planar.Linspace(2, 5, 1));
    }

    [Fact]
    public void Float_generation_is_the_double_flower_rounded()
    {
        var d = Planar.Generate<double>().X.ToArray();
        var f = Planar.Generate<float>().X.ToArray();
        Assert.Equal(d.Select(v => (float)v), f);
    }
}
