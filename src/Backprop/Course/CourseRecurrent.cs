using System.Numerics;
using Backprop.Ops.Recurrent;
using Backprop.Tensors;

namespace Backprop.Course;

/// <summary>The course's step functions in its own layout (examples as columns: xt (n_x, m), a_prev (n_a, m)), built on the
/// same cell steps the layers run (<see cref="RnnCell"/>, <see cref="LstmCell"/>), so a learner can call them one step at
/// a time: rnn_cell_forward a_next = tanh(Wax·xt + Waa·a_prev + ba), yt_pred = softmax(Wya·a_next + by); and
/// lstm_cell_forward on concat = [a_prev; xt]: Γf = σ(Wf·concat + bf), Γu = σ(Wi·concat + bi), c̃ = tanh(Wc·concat + bc),
/// c_next = Γf ∘ c_prev + Γu ∘ c̃, Γo = σ(Wo·concat + bo), a_next = Γo ∘ tanh(c_next), yt_pred = softmax(Wy·a_next + by).</summary>
public static class CourseRecurrent
{
    /// <summary>rnn_cell_forward: (a_next (n_a, m), yt_pred (n_y, m)). Biases are (n, 1) columns, as in the course.</summary>
    public static (Tensor<T> ANext, Tensor<T> YPred) RnnCellForward<T>(Tensor<T> xt, Tensor<T> aPrev, Tensor<T> wax, Tensor<T> waa,
        Tensor<T> wya, Tensor<T> ba, Tensor<T> by) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = xt.Dim(1), na = waa.Dim(0);
        var h = Rows(ba, m, na);                                  // (m, n_a): ba in every row
        Tensor<T>.MatMulInto(xt, wax, h, transposeA: true, transposeB: true, beta: T.One);
        RnnCell.Forward<T>(m, na, aPrev.Transpose().AsReadOnlySpan(), waa.AsReadOnlySpan(), h.AsSpan());
        var aNext = h.Transpose();
        return (aNext, Softmax(Tensor<T>.MatMul(wya, aNext) + by));
    }

    /// <summary>lstm_cell_forward: (a_next, c_next (n_a, m), yt_pred (n_y, m)), with the course's Wf, Wi, Wc, Wo (each
    /// (n_a, n_a + n_x)) mapped onto the layer layout by <see cref="LstmWeightsFromCourse{T}"/>.</summary>
    public static (Tensor<T> ANext, Tensor<T> CNext, Tensor<T> YPred) LstmCellForward<T>(Tensor<T> xt, Tensor<T> aPrev, Tensor<T> cPrev,
        Tensor<T> wf, Tensor<T> bf, Tensor<T> wi, Tensor<T> bi, Tensor<T> wc, Tensor<T> bc, Tensor<T> wo, Tensor<T> bo,
        Tensor<T> wy, Tensor<T> by) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int m = xt.Dim(1), na = aPrev.Dim(0);
        var (wx, wh, b) = LstmWeightsFromCourse(wf, bf, wi, bi, wc, bc, wo, bo, xt.Dim(0));
        var gates = Rows(b, m, 4 * na);
        Tensor<T>.MatMulInto(xt, wx, gates, transposeA: true, transposeB: true, beta: T.One);
        var (c, tanhC, a) = (Tensor<T>.Zeros(m, na), Tensor<T>.Zeros(m, na), Tensor<T>.Zeros(m, na));
        LstmCell.Forward<T>(m, na, aPrev.Transpose().AsReadOnlySpan(), cPrev.Transpose().AsReadOnlySpan(), wh.AsReadOnlySpan(),
            gates.AsSpan(), c.AsSpan(), tanhC.AsSpan(), a.AsSpan());
        var aNext = a.Transpose();
        return (aNext, c.Transpose(), Softmax(Tensor<T>.MatMul(wy, aNext) + by));
    }

    /// <summary>The course's four gate matrices on [a_prev; x] as the layer's Wx (4H, n_x) and Wh (4H, H), gate blocks in
    /// PyTorch's order i (= Wi), f (= Wf), g (= Wc), o (= Wo), and b (4H) = [bi; bf; bc; bo].</summary>
    public static (Tensor<T> Wx, Tensor<T> Wh, Tensor<T> B) LstmWeightsFromCourse<T>(Tensor<T> wf, Tensor<T> bf, Tensor<T> wi,
        Tensor<T> bi, Tensor<T> wc, Tensor<T> bc, Tensor<T> wo, Tensor<T> bo, int inputSize) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int na = wf.Dim(0);
        var (wx, wh, b) = (Tensor<T>.Zeros(4 * na, inputSize), Tensor<T>.Zeros(4 * na, na), Tensor<T>.Zeros(4 * na));
        Tensor<T>[] ws = [wi, wf, wc, wo], bs = [bi, bf, bc, bo];
        for (int g = 0; g < 4; g++)
            for (int r = 0; r < na; r++)
            {
                var row = ws[g].AsReadOnlySpan().Slice(r * (na + inputSize), na + inputSize);
                row[..na].CopyTo(wh.AsSpan().Slice((g * na + r) * na, na));
                row[na..].CopyTo(wx.AsSpan().Slice((g * na + r) * inputSize, inputSize));
                b.AsSpan()[g * na + r] = bs[g].AsReadOnlySpan()[r];
            }
        return (wx, wh, b);
    }

    /// <summary>The course's softmax (rnn_utils): e = exp(x − max over the whole array), then e / Σ over axis 0.</summary>
    public static Tensor<T> Softmax<T>(Tensor<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = x.AsReadOnlySpan();
        T max = T.NegativeInfinity;
        foreach (var v in s) max = T.Max(max, v);
        int rows = x.Dim(0), cols = x.Length / rows;
        var y = Tensor<T>.Zeros(x.ShapeArray);
        var e = y.AsSpan();
        for (int i = 0; i < s.Length; i++) e[i] = T.Exp(s[i] - max);
        for (int j = 0; j < cols; j++)
        {
            T sum = T.Zero;
            for (int i = 0; i < rows; i++) sum += e[i * cols + j];
            for (int i = 0; i < rows; i++) e[i * cols + j] /= sum;
        }
        return y;
    }

    /// <summary>(m, n) with the column vector <paramref name="bias"/> (n, 1) in every row.</summary>
    private static Tensor<T> Rows<T>(Tensor<T> bias, int m, int n) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = Tensor<T>.Zeros(m, n);
        for (int i = 0; i < m; i++) bias.AsReadOnlySpan().CopyTo(t.AsSpan().Slice(i * n, n));
        return t;
    }
}
