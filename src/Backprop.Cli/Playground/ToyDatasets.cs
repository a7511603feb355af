namespace Backprop.Cli.Playground;

/// <summary>The datasets of TensorFlow Playground (its <c>dataset.ts</c>, with labels −1/+1 turned into 0/1), and the
/// course's planar flower. Points lie in about [−6, 6]². <c>noise</c> is a fraction in [0, 0.5].</summary>
public static class ToyDatasets
{
    /// <summary>The dataset names the page offers, classification first; "csv" is the user's table.</summary>
    public static IReadOnlyList<string> Names { get; } = ["circle", "xor", "gauss", "spiral", "flower", "plane", "multigauss"];

    public static bool IsRegression(string name) => name is "plane" or "multigauss";

    public static ToyPoint[] Generate(string name, int count, double noise, int seed)
    {
        var random = new Random(seed);
        return name switch
        {
            "circle" => Circle(random, count, noise),
            "xor" => Xor(random, count, noise),
            "gauss" => TwoGaussians(random, count, noise),
            "spiral" => Spiral(random, count, noise),
            "flower" => Flower(),
            "plane" => Plane(random, count, noise),
            "multigauss" => MultiGaussian(random, count, noise),
            _ => throw new ArgumentException($"unknown dataset '{name}'"),
        };
    }

    /// <summary>Class 1 inside radius 2.5, class 0 in the ring 3.5 … 5; the label is taken after adding uniform noise of
    /// ±5·noise to the point, so noise flips points near the boundary.</summary>
    private static ToyPoint[] Circle(Random r, int n, double noise)
    {
        const double Radius = 5;
        var points = new List<ToyPoint>(n);
        void Add(double min, double max)
        {
            for (int i = 0; i < n / 2; i++)
            {
                double rad = Uniform(r, min, max), angle = Uniform(r, 0, 2 * Math.PI);
                double x = rad * Math.Sin(angle), y = rad * Math.Cos(angle);
                double nx = Uniform(r, -Radius, Radius) * noise, ny = Uniform(r, -Radius, Radius) * noise;
                points.Add(new ToyPoint(x, y, Math.Sqrt((x + nx) * (x + nx) + (y + ny) * (y + ny)) < Radius * 0.5 ? 1 : 0));
            }
        }
        Add(0, Radius * 0.5);
        Add(Radius * 0.7, Radius);
        return [.. points];
    }

    /// <summary>Uniform points pushed 0.3 away from the axes; label 1 where x1·x2 ≥ 0 (after noise).</summary>
    private static ToyPoint[] Xor(Random r, int n, double noise)
    {
        const double Padding = 0.3;
        var points = new ToyPoint[n];
        for (int i = 0; i < n; i++)
        {
            double x = Uniform(r, -5, 5), y = Uniform(r, -5, 5);
            x += x > 0 ? Padding : -Padding;
            y += y > 0 ? Padding : -Padding;
            double nx = Uniform(r, -5, 5) * noise, ny = Uniform(r, -5, 5) * noise;
            points[i] = new ToyPoint(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
        }
        return points;
    }

    /// <summary>Two Gaussian blobs at (2, 2) (class 1) and (−2, −2) (class 0) with variance 0.5 + 7·noise
    /// (TF's scale from noise 0 … 0.5 to variance 0.5 … 4).</summary>
    private static ToyPoint[] TwoGaussians(Random r, int n, double noise)
    {
        double variance = 0.5 + 7 * noise;
        var points = new List<ToyPoint>(n);
        foreach (var (cx, cy, label) in new[] { (2.0, 2.0, 1.0), (-2.0, -2.0, 0.0) })
            for (int i = 0; i < n / 2; i++)
                points.Add(new ToyPoint(cx + Math.Sqrt(variance) * Normal(r), cy + Math.Sqrt(variance) * Normal(r), label));
        return [.. points];
    }

    /// <summary>Two interleaved arms: r = 5i/n, t = 1.75·2π·i/n + δ (δ = 0 for class 1, π for class 0), plus uniform
    /// noise of ±noise on each coordinate.</summary>
    private static ToyPoint[] Spiral(Random r, int n, double noise)
    {
        int half = n / 2;
        var points = new List<ToyPoint>(n);
        foreach (var (delta, label) in new[] { (0.0, 1.0), (Math.PI, 0.0) })
            for (int i = 0; i < half; i++)
            {
                double rad = (double)i / half * 5, t = 1.75 * i / half * 2 * Math.PI + delta;
                points.Add(new ToyPoint(rad * Math.Sin(t) + Uniform(r, -1, 1) * noise, rad * Math.Cos(t) + Uniform(r, -1, 1) * noise, label));
            }
        return [.. points];
    }

    /// <summary>The course's 400 flower points (<see cref="Backprop.Data.Planar"/>, seed 1): the same data as its week 3.</summary>
    private static ToyPoint[] Flower()
    {
        var data = Backprop.Data.Planar.Generate<double>();
        var points = new ToyPoint[data.Count];
        for (int i = 0; i < points.Length; i++) points[i] = new ToyPoint(data.X[i, 0], data.X[i, 1], data.Y[i, 0]);
        return points;
    }

    /// <summary>Label (x1 + x2)/10 of the noisy point: a plane from −1 to 1 over [−6, 6]².</summary>
    private static ToyPoint[] Plane(Random r, int n, double noise)
    {
        const double Radius = 6;
        var points = new ToyPoint[n];
        for (int i = 0; i < n; i++)
        {
            double x = Uniform(r, -Radius, Radius), y = Uniform(r, -Radius, Radius);
            double nx = Uniform(r, -Radius, Radius) * noise, ny = Uniform(r, -Radius, Radius) * noise;
            points[i] = new ToyPoint(x, y, Math.Clamp((x + nx + y + ny) / 10, -1, 1));
        }
        return points;
    }

    /// <summary>Six signed bumps at (±4 or 0, ±2.5): the label is the largest in size of sign·max(0, 1 − d/2) over the
    /// bumps, d the distance to the bump's centre.</summary>
    private static ToyPoint[] MultiGaussian(Random r, int n, double noise)
    {
        const double Radius = 6;
        (double X, double Y, double Sign)[] bumps = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)];
        var points = new ToyPoint[n];
        for (int i = 0; i < n; i++)
        {
            double x = Uniform(r, -Radius, Radius), y = Uniform(r, -Radius, Radius);
            double px = x + Uniform(r, -Radius, Radius) * noise, py = y + Uniform(r, -Radius, Radius) * noise;
            double label = 0;
            foreach (var (cx, cy, sign) in bumps)
            {
                double d = Math.Sqrt((px - cx) * (px - cx) + (py - cy) * (py - cy));
                double value = sign * Math.Clamp(1 - d / 2, 0, 1);
                if (Math.Abs(value) > Math.Abs(label)) label = value;
            }
            points[i] = new ToyPoint(x, y, label);
        }
        return points;
    }

    private static double Uniform(Random r, double min, double max) => min + r.NextDouble() * (max - min);

    /// <summary>A standard normal draw by Box–Muller.</summary>
    private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
}
