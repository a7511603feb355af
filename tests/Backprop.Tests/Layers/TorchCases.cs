using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>Reads the PyTorch oracle cases of <c>course45/torch_cases.json</c>: each array is {shape, data} row-major.</summary>
public static class TorchCases
{
    private static JsonDocument? s_document;

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static JsonElement Case(string name)
    {
        s_document ??= JsonDocument.Parse(File.ReadAllText(TestData.Fixture("course45/torch_cases.json")));
        foreach (var c in s_document.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("name").GetString() == name) return c;
        throw new InvalidOperationException($"No torch case named {name}.");
    }

    /// <summary>The array at section.key as a tensor.</summary>
    public static Tensor<double> Array(JsonElement c, string section, string key)
    {
        var a = c.GetProperty(section).GetProperty(key);
        var shape = a.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var data = a.GetProperty("data").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        return Tensor<double>.FromArray(data, shape);
    }

    /// <summary>Asserts every element of <paramref name="actual"/> within 1e-10 of <paramref name="expected"/>.</summary>
    public static void Near(Tensor<double> expected, Tensor<double> actual, string what, double tolerance = 1e-10)
    {
        Assert.Equal(expected.Length, actual.Length);
        var (e, a) = (expected.ToArray(), actual.ToArray());
        double worst = 0;
        for (int i = 0; i < e.Length; i++) worst = Math.Max(worst, Math.Abs(e[i] - a[i]));
        Assert.True(worst <= tolerance, $"{what}: largest difference {worst:E2} > {tolerance:E0}");
    }

    /// <summary>(1, m, H) → (m, H).</summary>
    public static Tensor<double> Squeeze(Tensor<double> t) => t.Reshape(t.Dim(1), t.Dim(2));
}
