using Backprop.Autograd;
using Backprop.Initializers;
using Backprop.Kernels;
using Backprop.Layers;
using Backprop.Models;
using Backprop.Ops.Activations;
using Backprop.Randomness;
using Backprop.Tensors;
using Op = Backprop.Ops.Op;

namespace Backprop.Tests.Autograd;

/// <summary>One arithmetic surface: the Tensor operators on a tensor that requires a gradient record on the graph as the
/// Op methods do, record nothing inside a no-grad scope, and cost nothing more on tensors that need no gradient.</summary>
public class TensorOperatorTests
{
    /// <summary>A layer written with the operators alone, as a PyTorch user would: g = h ∘ γ + β with h = tanh(xW + b),
    /// d = (x − g)/(2 + h²), y = −(0.5·d) + (1 − g)/3 − 2(h − 0.25) + 1.5/(g² + 2). Every operator form appears once.</summary>
    private sealed class OperatorLayer(int n) : Module<double>
    {
        private readonly Dense<double> _dense = new(n, n, Activation.Tanh);
        private readonly Parameter<double> _gamma = new("gamma", Tensor<double>.Ones(n), ParameterRole.Scale);
        private readonly Parameter<double> _beta = new("beta", Tensor<double>.Zeros(n), ParameterRole.Shift);

        public Parameter<double> Gamma => _gamma;
        public Parameter<double> Beta => _beta;

        public override Tensor<double> Forward(Tensor<double> x)
        {
            var h = _dense.Forward(x);
            var g = h * _gamma.Value + _beta.Value;
            var d = (x - g) / (2.0 + h * h);
            return -(d * 0.5) + (1.0 - g) / 3.0 - 2.0 * (h - 0.25) + 1.5 / (g * g + 2.0);
        }
    }

    [Fact]
    public void A_custom_layer_written_with_operators_passes_the_whole_model_gradient_check()
    {
        var random = new NumpyRandom(3);
        var x = Tensor<double>.RandomNormal(random, 6, 3);
        var y = Tensor<double>.FromRows(new double[,] { { 1 }, { 0 }, { 1 }, { 1 }, { 0 }, { 0 } });
        var layer = new OperatorLayer(4);
        var model = new Sequential<double>(new Dense<double>(3, 4, Activation.Tanh), layer, new Dense<double>(4, 1, Activation.Sigmoid));
        model.Initialize(Initializer.Xavier, new NumpyRandom(2));
        random.FillGaussian(layer.Gamma.Value.AsSpan());
        random.FillGaussian(layer.Beta.Value.AsSpan());

        var check = GradientChecker.Check(model, x, y, Backprop.Losses.Loss.BinaryCrossEntropy);

        Assert.True(check.Difference < 1e-7, check.ToString());
        Assert.All(check.Parameters, p => Assert.True(p.Difference < 1e-7, check.ToString()));
        Assert.Contains(layer.Gamma.Gradient.ToArray(), g => Math.Abs(g) > 1e-6);
        Assert.Contains(layer.Beta.Gradient.ToArray(), g => Math.Abs(g) > 1e-6);
        Assert.Contains(model.Parameters[0].Gradient.ToArray(), g => Math.Abs(g) > 1e-6); // through x − g, below the layer
    }

    public static TheoryData<string> Forms() => [.. OperatorForms(Leaf(2), Leaf(3)).Keys];

    [Theory]
    [MemberData(nameof(Forms))]
    public void An_operator_on_a_tensor_that_requires_a_gradient_records_a_node(string form)
    {
        var y = OperatorForms(Leaf(2), Leaf(3))[form];
        Assert.True(Graph.HasNode(y), $"{form} did not record.");
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public void Inside_a_no_grad_scope_an_operator_records_nothing(string form)
    {
        var a = Leaf(2);
        var b = Leaf(3);
        Tensor<double> y;
        using (Graph.NoGrad()) y = OperatorForms(a, b)[form];
        Assert.False(y.RequiresGrad);
        Assert.Null(Graph.ProducerOf(y));
        Assert.Null(a.Grad);
        Assert.Null(b.Grad);
    }

    [Fact]
    public void Broadcast_operands_get_gradients_summed_back_to_their_own_shapes()
    {
        var row = Tensor<double>.FromArray([1.0, 2, 3, 4], 1, 4).WithGrad();
        var column = Tensor<double>.FromArray([0.5, -1, 2], 3, 1).WithGrad();
        var scale = Tensor<double>.Scalar(2).WithGrad();

        Op.Sum(scale * (row * column) + row).Backward(); // J = Σᵢⱼ s·rⱼ·cᵢ + rⱼ over the (3, 4) broadcast

        Assert.Equal([1, 4], row.Grad!.Shape.ToArray());
        Assert.Equal([3, 1], column.Grad!.Shape.ToArray());
        Assert.Empty(scale.Grad!.Shape.ToArray());
        Assert.Equal([2 * 1.5 + 3, 2 * 1.5 + 3, 2 * 1.5 + 3, 2 * 1.5 + 3], row.Grad.ToArray());   // dJ/drⱼ = s·Σᵢ cᵢ + 3
        Assert.Equal([2 * 10.0, 2 * 10.0, 2 * 10.0], column.Grad.ToArray());                       // dJ/dcᵢ = s·Σⱼ rⱼ
        Assert.Equal(1.5 * 10, scale.Grad.ToScalar());                                               // dJ/ds = Σᵢ cᵢ · Σⱼ rⱼ
    }

    [Fact]
    public void Backward_rules_run_with_recording_off_so_their_arithmetic_builds_no_graph()
    {
        var x = Leaf(3);
        bool? recordingInBackward = null;
        Tensor<double>? product = null;
        var y = Graph.Record(Tensor<double>.Scalar(4.5), x, dy =>
        {
            recordingInBackward = Graph.IsRecording;
            return product = dy * x; // x requires a gradient: recorded, this would grow the graph
        });

        y.Backward();

        Assert.False(recordingInBackward);
        Assert.False(product!.RequiresGrad);
        Assert.Equal(3.0, x.Grad!.ToScalar());
        Assert.True(Graph.IsRecording);
    }

    [Fact]
    public void Operators_on_tensors_without_gradients_allocate_only_their_result_as_the_kernel_call_does()
    {
        var a = Tensor<double>.Ones(4, 8);
        var b = Tensor<double>.Ones(1, 8);
        var leaf = Tensor<double>.Ones(4, 8).WithGrad();
        for (int i = 0; i < 3; i++)
        {
            _ = a + b; _ = a * 2.0; _ = -a;
            _ = Tensor<double>.Map<AddOperator<double>>(a, b); _ = a.MapScalar<MultiplyOperator<double>>(2.0); _ = a.Map<NegateOperator<double>>();
        }
        using (Graph.NoGrad()) for (int i = 0; i < 3; i++) _ = leaf + b;

        long kernel = Allocated(() => Tensor<double>.Map<AddOperator<double>>(a, b));
        Assert.True(kernel > 0);
        Assert.Equal(kernel, Allocated(() => a + b));
        Assert.Equal(Allocated(() => a.MapScalar<MultiplyOperator<double>>(2.0)), Allocated(() => a * 2.0));
        Assert.Equal(Allocated(() => a.Map<NegateOperator<double>>()), Allocated(() => -a));
        using (Graph.NoGrad()) Assert.Equal(kernel, Allocated(() => leaf + b)); // a gradient leaf, but nothing to record
    }

    [Fact]
    public void The_graph_arithmetic_is_registered_at_load_and_its_absence_would_name_the_Op_to_use()
    {
        Assert.True(GraphArithmetic.For("Op.Add").IsRecording);
        var error = GraphArithmetic.Unregistered("Op.Multiply");
        Assert.Contains("Op.Multiply", error.Message);
        Assert.Contains("requires a gradient", error.Message);
    }

    /// <summary>Every operator form on a and b (one-element leaves), by its written form.</summary>
    private static Dictionary<string, Tensor<double>> OperatorForms(Tensor<double> a, Tensor<double> b) => new()
    {
        ["a + b"] = a + b, ["a - b"] = a - b, ["a * b"] = a * b, ["a / b"] = a / b,
        ["a + s"] = a + 1.5, ["a - s"] = a - 1.5, ["a * s"] = a * 1.5, ["a / s"] = a / 1.5,
        ["s + a"] = 1.5 + a, ["s - a"] = 1.5 - a, ["s * a"] = 1.5 * a, ["s / a"] = 1.5 / a,
        ["-a"] = -a,
    };

    private static Tensor<double> Leaf(double value) => Tensor<double>.Scalar(value).WithGrad();

    /// <summary>Bytes this thread allocates in one call of <paramref name="f"/> (the delegate is made before counting).</summary>
    private static long Allocated(Func<Tensor<double>> f)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        f();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
