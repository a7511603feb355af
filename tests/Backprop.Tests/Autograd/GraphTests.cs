using Backprop.Autograd;
using Backprop.Tensors;
using Op = Backprop.Ops.Op;

namespace Backprop.Tests.Autograd;

public class GraphTests
{
    private static Tensor<double> Leaf(double value) => new Tensor<double>[] { Tensor<double>.Scalar(value) }[0].WithGrad();

    [Fact]
    public void The_notes_computation_graph_J_equals_3_times_a_plus_bc_gives_33_and_gradients_3_6_9()
    {
        var a = Leaf(5); var b = Leaf(3); var c = Leaf(2);
        var u = Op.Multiply(b, c);          // u = bc = 6
        var v = Op.Add(a, u);               // v = a + u = 11
        var j = Op.Scale(v, 3.0);           // J = 3v = 33
        j.Backward();
        Assert.Equal(33.0, j.ToScalar());
        Assert.Equal(3.0, v.Grad!.ToScalar()); // dJ/dv
        Assert.Equal(3.0, u.Grad!.ToScalar()); // dJ/du
        Assert.Equal(3.0, a.Grad!.ToScalar());
        Assert.Equal(6.0, b.Grad!.ToScalar());
        Assert.Equal(9.0, c.Grad!.ToScalar());
    }

    [Fact]
    public void Leaf_gradients_accumulate_across_backward_passes()
    {
        var x = Leaf(2);
        Op.Square(x).Backward();
        Op.Square(x).Backward();
        Assert.Equal(8.0, x.Grad!.ToScalar());
    }

    [Fact]
    public void A_second_backward_through_a_shared_intermediate_does_not_count_the_first_again()
    {
        var x = Leaf(3);
        var h = Op.Scale(x, 2.0);
        Op.Square(h).Backward();          // d(h²)/dx = 2h·2 = 24
        x.Grad = null;
        Op.Scale(h, 5.0).Backward();      // d(5h)/dx = 10
        Assert.Equal(10.0, x.Grad!.ToScalar());
    }

    [Fact]
    public void A_tensor_used_twice_receives_the_sum_of_both_paths()
    {
        var x = Leaf(4);
        Op.Multiply(x, x).Backward();     // d(x²)/dx = 2x
        Assert.Equal(8.0, x.Grad!.ToScalar());
    }

    [Fact]
    public void Inputs_that_do_not_require_gradients_get_none()
    {
        var x = Leaf(1);
        var constant = Tensor<double>.Scalar(5);
        Op.Multiply(x, constant).Backward();
        Assert.Null(constant.Grad);
        Assert.Equal(5.0, x.Grad!.ToScalar());
    }

    [Fact]
    public void Backward_without_a_seed_on_a_non_scalar_explains_itself()
    {
        var x = Tensor<double>.Ones(2, 2).WithGrad();
        var ex = Assert.Throws<InvalidOperationException>(() => Op.Scale(x, 2.0).Backward());
        Assert.Contains("(2, 2)", ex.Message);
    }

    [Fact]
    public void No_grad_scopes_nest()
    {
        var x = Leaf(1);
        using (Graph.NoGrad())
        {
            using (Graph.NoGrad()) Assert.False(Graph.IsRecording);
            Assert.False(Graph.IsRecording);
            Assert.False(Graph.HasNode(Op.Exp(x)));
        }
        Assert.True(Graph.IsRecording);
        Assert.True(Graph.HasNode(Op.Exp(x)));
    }
}

internal static class TensorTestExtensions
{
    public static Tensor<double> WithGrad(this Tensor<double> t)
    {
        t.RequiresGrad = true;
        return t;
    }
}
