using Backprop.Autograd;
using Backprop.Tensors;

namespace Backprop.Tests.Ops;

public class OpTableTests
{
    public static TheoryData<OpCase> AllOps() => [.. OpTable.All];
    public static TheoryData<OpCase> BroadcastingOps() => [.. OpTable.Broadcasting()];

    [Theory]
    [MemberData(nameof(AllOps))]
    public void Backward_matches_central_differences(OpCase op)
    {
        double difference = GradientCheck.RelativeDifference(op.Apply, OpTable.Inputs(op));
        Assert.True(difference < 1e-7, $"{op.Name}: relative difference {difference:E3} ≥ 1e-7");
    }

    [Theory]
    [MemberData(nameof(BroadcastingOps))]
    public void Backward_of_a_broadcast_sums_back_to_each_input_shape(OpCase op)
    {
        var inputs = OpTable.Inputs(op, seed: 2);
        double difference = GradientCheck.RelativeDifference(op.Apply, inputs);
        Assert.True(difference < 1e-7, $"{op.Name}: relative difference {difference:E3} ≥ 1e-7");
        foreach (var x in inputs) Assert.Equal(x.Shape.ToArray(), x.Grad!.Shape.ToArray());
    }

    [Theory]
    [MemberData(nameof(AllOps))]
    public void Nothing_is_recorded_inside_a_no_grad_scope(OpCase op)
    {
        var inputs = OpTable.Inputs(op);
        foreach (var x in inputs) x.RequiresGrad = true;
        Tensor<double> y;
        using (Graph.NoGrad()) y = op.Apply(inputs);
        Assert.False(Graph.HasNode(y));
        Assert.False(y.RequiresGrad);
    }

    [Theory]
    [MemberData(nameof(AllOps))]
    public void Forward_under_no_grad_equals_forward_with_recording(OpCase op)
    {
        var inputs = OpTable.Inputs(op);
        foreach (var x in inputs) x.RequiresGrad = true;
        var recorded = op.Apply(inputs).ToArray();
        using (Graph.NoGrad()) Assert.Equal(recorded, op.Apply(inputs).ToArray());
    }
}
