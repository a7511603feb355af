using System.Globalization;
using Backprop.Kernels;

namespace Backprop.Ops.Convolution;

/// <summary>Padding of a 2-D window op: valid (p = 0), same (n_out = ⌈n / s⌉, total = max((n_out − 1)·s + d·(f − 1) + 1 − n, 0),
/// the odd row or column after, as in TensorFlow/Keras) or explicit (top, bottom, left, right). The course's
/// conv_forward pads symmetrically: <c>Padding2D.Explicit(pad)</c>; an integer converts to that.</summary>
public readonly record struct Padding2D(PaddingMode Mode, int Top, int Bottom, int Left, int Right)
{
    public static Padding2D Valid => new(PaddingMode.Valid, 0, 0, 0, 0);

    public static Padding2D Same => new(PaddingMode.Same, 0, 0, 0, 0);

    /// <summary>p rows above and below, p columns left and right.</summary>
    public static Padding2D Explicit(int pad) => Explicit(pad, pad, pad, pad);

    /// <summary>h rows above and below, w columns left and right.</summary>
    public static Padding2D Explicit(int height, int width) => Explicit(height, height, width, width);

    public static Padding2D Explicit(int top, int bottom, int left, int right)
    {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) throw new ArgumentException($"Padding cannot be negative; got top {top}, bottom {bottom}, left {left}, right {right}.");
        return new(PaddingMode.Explicit, top, bottom, left, right);
    }

    public static implicit operator Padding2D(int pad) => Explicit(pad);

    /// <summary>(top, bottom, left, right) for an input of <paramref name="height"/> × <paramref name="width"/>.</summary>
    public (int Top, int Bottom, int Left, int Right) Resolve(int height, int width, Size2D kernel, Size2D stride, Size2D dilation)
    {
        if (Mode != PaddingMode.Same) return (Top, Bottom, Left, Right);
        var (top, bottom) = ConvGeometry.SamePadding(height, kernel.Height, stride.Height, dilation.Height);
        var (left, right) = ConvGeometry.SamePadding(width, kernel.Width, stride.Width, dilation.Width);
        return (top, bottom, left, right);
    }

    /// <summary>"valid", "same", "p", "h,w" or "top,bottom,left,right".</summary>
    public static Padding2D Parse(string text)
    {
        var t = text.Trim().ToLowerInvariant();
        if (t == "valid") return Valid;
        if (t == "same") return Same;
        var parts = t.Split(',');
        var numbers = parts.Select(p => int.TryParse(p.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (numbers.All(n => n >= 0))
            switch (numbers.Length)
            {
                case 1: return Explicit(numbers[0]);
                case 2: return Explicit(numbers[0], numbers[1]);
                case 4: return Explicit(numbers[0], numbers[1], numbers[2], numbers[3]);
            }
        throw new ArgumentException($"The padding '{text}' is not valid, same, p, \"h,w\" or \"top,bottom,left,right\".");
    }

    public override string ToString() => Mode switch
    {
        PaddingMode.Valid => "valid",
        PaddingMode.Same => "same",
        _ when Top == Bottom && Left == Right && Top == Left => Top.ToString(CultureInfo.InvariantCulture),
        _ when Top == Bottom && Left == Right => $"{Top},{Left}",
        _ => $"{Top},{Bottom},{Left},{Right}",
    };
}
