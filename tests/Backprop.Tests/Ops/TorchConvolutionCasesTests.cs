using System.Text.Json;
using Backprop.Autograd;
using Backprop.Ops.Convolution;
using Backprop.Tensors;
using Op = Backprop.Ops.Op;

namespace Backprop.Tests.Ops;

/// <summary>The PyTorch 1.13 float64 oracle cases of course45/torch_cases.json (Conv2d, MaxPool2d, AvgPool2d with
/// count_include_pad=False), in their channels-last copies: forward values and the gradients of J = Σ y ∘ R to 1e-10.</summary>
public class TorchConvolutionCasesTests
{
    private const double Tolerance = 1e-10;

    private static readonly Lazy<JsonElement[]> Cases = new(() =>
        JsonDocument.Parse(File.ReadAllText(TestData.Fixture("course45/torch_cases.json"))).RootElement.GetProperty("cases").EnumerateArray().ToArray());

    public static TheoryData<string> Names(string op) =>
        new(op switch
        {
            "conv2d" => ["conv_k3_s1_p0", "conv_k3_s1_p1_same", "conv_k3_s2_p1", "conv_k3_s2_p0_odd_floor", "conv_k3_s1_p2_d2", "conv_k2x3_s2x1_p1x0",
                "conv_k3_s3_p2_d2_nobias", "conv_k5_s1_p2_lenet_c1", "conv_k1_s1_p0_pointwise", "conv_k4_s2_p3_wide_pad"],
            "maxpool2d" => ["maxpool_k2_s2", "maxpool_k3_s1", "maxpool_k3_s2_p1", "maxpool_k2_s2_odd_floor", "maxpool_k3_s2_ceil"],
            _ => ["avgpool_k2_s2", "avgpool_k3_s1_p1_nopadcount", "avgpool_k3_s2_p1_nopadcount", "avgpool_k3_s2"],
        });

    public static TheoryData<string> ConvCases => Names("conv2d");
    public static TheoryData<string> MaxPoolCases => Names("maxpool2d");
    public static TheoryData<string> AvgPoolCases => Names("avgpool2d");

    [Theory]
    [MemberData(nameof(ConvCases))]
    public void Conv2D_matches_PyTorch_forward_and_gradients_to_1e_10(string name)
    {
        var c = Find(name);
        var config = c.GetProperty("config");
        var nhwc = c.GetProperty("nhwc");
        var x = Leaf(nhwc.GetProperty("x"));
        var w = Leaf(nhwc.GetProperty("weight"));
        Tensor<double>? b = config.GetProperty("bias").GetBoolean() ? Leaf(c.GetProperty("params").GetProperty("bias")) : null;
        var y = Op.Conv2D(x, w, b, Pair(config.GetProperty("stride")), Padding(config.GetProperty("padding")), Pair(config.GetProperty("dilation")));
        AssertClose(nhwc.GetProperty("y"), y, name + " y");
        y.Backward(Read(nhwc.GetProperty("R")));
        AssertClose(nhwc.GetProperty("grad_x"), x.Grad!, name + " grad x");
        AssertClose(nhwc.GetProperty("grad_weight"), w.Grad!, name + " grad W");
        if (b is not null) AssertClose(c.GetProperty("grads").GetProperty("bias"), b.Grad!, name + " grad b");
    }

    [Theory]
    [MemberData(nameof(MaxPoolCases))]
    public void MaxPool2D_matches_PyTorch_forward_and_gradients_to_1e_10(string name) =>
        CheckPool(name, (x, k, s, p, ceil) => Op.MaxPool2D(x, k, s, p, ceil));

    [Theory]
    [MemberData(nameof(AvgPoolCases))]
    public void AvgPool2D_without_padding_in_the_count_matches_PyTorch_to_1e_10(string name) =>
        CheckPool(name, (x, k, s, p, ceil) => Op.AvgPool2D(x, k, s, p, ceil));

    private static void CheckPool(string name, Func<Tensor<double>, Size2D, Size2D, Padding2D, bool, Tensor<double>> pool)
    {
        var c = Find(name);
        var config = c.GetProperty("config");
        var nhwc = c.GetProperty("nhwc");
        var x = Leaf(nhwc.GetProperty("x"));
        var y = pool(x, Pair(config.GetProperty("kernel_size")), Pair(config.GetProperty("stride")), Padding(config.GetProperty("padding")),
            config.GetProperty("ceil_mode").GetBoolean());
        AssertClose(nhwc.GetProperty("y"), y, name + " y");
        y.Backward(Read(nhwc.GetProperty("R")));
        AssertClose(nhwc.GetProperty("grad_x"), x.Grad!, name + " grad x");
    }

    private static JsonElement Find(string name) => Cases.Value.Single(c => c.GetProperty("name").GetString() == name);

    private static Size2D Pair(JsonElement e) =>
        e.ValueKind == JsonValueKind.Number ? e.GetInt32() : new Size2D(e[0].GetInt32(), e[1].GetInt32());

    private static Padding2D Padding(JsonElement e)
    {
        var p = Pair(e);
        return Padding2D.Explicit(p.Height, p.Width);
    }

    private static Tensor<double> Read(JsonElement e) =>
        Tensor<double>.FromArray(e.GetProperty("data").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            e.GetProperty("shape").EnumerateArray().Select(v => v.GetInt32()).ToArray());

    private static Tensor<double> Leaf(JsonElement e)
    {
        var t = Read(e);
        t.RequiresGrad = true;
        return t;
    }

    private static void AssertClose(JsonElement expected, Tensor<double> actual, string what)
    {
        var e = Read(expected);
        Assert.True(e.Shape.SequenceEqual(actual.Shape), $"{what}: expected shape {ShapeMath.Format(e.Shape)}, got {ShapeMath.Format(actual.Shape)}.");
        var es = e.AsReadOnlySpan();
        var a = actual.AsReadOnlySpan();
        for (int i = 0; i < es.Length; i++)
            Assert.True(Math.Abs(es[i] - a[i]) <= Tolerance, $"{what}[{i}]: PyTorch {es[i]:R}, ours {a[i]:R}.");
    }
}
