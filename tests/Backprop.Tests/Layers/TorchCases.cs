using System.Text.Json;
using Backprop.Tensors;

namespace Backprop.Tests.Layers;

/// <summary>Reads PyTorch oracle cases (<c>course45/torch_cases.json</c> unless another fixture is named): each array is
/// {shape, data} row-major.</summary>
public static class TorchCases
{
    private static readonly Dictionary<string, JsonDocument> s_documents = new(StringComparer.Ordinal);

    /// <summary>The case named <paramref name="name"/> of course45/torch_cases.json.</summary>
    public static JsonElement Case(string name) => Case("course45/torch_cases.json", name);

    /// <summary>The case named <paramref name="name"/> of the fixture <paramref name="fixture"/>.</summary>
    public static JsonElement Case(string fixture, string name)
    {
        JsonDocument? document;
        lock (s_documents)
            if (!s_documents.TryGetValue(fixture, out document))
                s_documents[fixture] = document = JsonDocument.Parse(File.ReadAllText(TestData.Fixture(fixture)));
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
            if (c.GetProperty("name").GetString() == name) return c;
        throw new InvalidOperationException($"No torch case named {name} in {fixture}.");
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
