using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Tests.Autograd;

/// <summary>The named Tensor methods that compute plain values (Exp, Log, Sum, MatMul, …) never detach a gradient
/// silently: on a tensor that requires a gradient while the graph records, they throw naming the Op form; inside
/// Graph.NoGrad(), or on tensors without gradients, they compute as before.</summary>
public class NamedTensorMethodTests
{
    private static Tensor<double> Leaf() => new Tensor<double>(new[] { 0.5, 1.5, 2.0, 3.0 }, 0, [2, 2]) { RequiresGrad = true };

    public static TheoryData<string, string> Calls => new()
    {
        { "Exp", "Op.Exp" }, { "Log", "Op.Log" }, { "Sqrt", "Op.Sqrt" }, { "Abs", "Op.Abs" }, { "Square", "Op.Square" },
        { "Pow", "Op.Pow" }, { "Sigmoid", "Op.Sigmoid" }, { "Tanh", "Op.Tanh" }, { "Relu", "Op.Relu" }, { "LeakyRelu", "Op.LeakyRelu" },
        { "Sum", "Op.Sum" }, { "SumAxis", "Op.Sum" }, { "Mean", "Op.Mean" }, { "MeanAxis", "Op.Mean" }, { "Maximum", "Op.Maximum" },
        { "MatMul", "Op.MatMul" }, { "Clamp", "Graph.NoGrad" }, { "MaxAxis", "Graph.NoGrad" },
    };

    private static Tensor<double> Call(string name, Tensor<double> x) => name switch
    {
        "Exp" => x.Exp(), "Log" => x.Log(), "Sqrt" => x.Sqrt(), "Abs" => x.Abs(), "Square" => x.Square(), "Pow" => x.Pow(3),
        "Sigmoid" => x.Sigmoid(), "Tanh" => x.Tanh(), "Relu" => x.Relu(), "LeakyRelu" => x.LeakyRelu(0.1),
        "Sum" => x.Sum(), "SumAxis" => x.Sum(0), "Mean" => x.Mean(), "MeanAxis" => x.Mean(1), "Maximum" => Tensor<double>.Maximum(x, x),
        "MatMul" => Tensor<double>.MatMul(x, x), "Clamp" => x.Clamp(0, 1), "MaxAxis" => x.Max(0),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public void A_named_method_on_a_tensor_that_requires_a_gradient_throws_naming_the_recorded_form(string name, string recorded)
    {
        var e = Assert.Throws<InvalidOperationException>(() => Call(name, Leaf()));
        Assert.Contains(recorded, e.Message);
        Assert.Contains("gradient", e.Message);
    }

    [Theory]
    [MemberData(nameof(Calls))]
    public void Inside_no_grad_or_without_a_gradient_a_named_method_computes_the_same_plain_values(string name, string recorded)
    {
        _ = recorded;
        var plain = Call(name, new Tensor<double>(new[] { 0.5, 1.5, 2.0, 3.0 }, 0, [2, 2]));
        Tensor<double> inScope;
        using (Graph.NoGrad()) inScope = Call(name, Leaf());
        Assert.Equal(plain.ToArray(), inScope.ToArray());
        Assert.False(inScope.RequiresGrad);
    }
}
