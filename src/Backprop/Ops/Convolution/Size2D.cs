using System.Globalization;

namespace Backprop.Ops.Convolution;

/// <summary>(height, width) of a kernel, stride or dilation; a single number n means n × n.</summary>
public readonly record struct Size2D(int Height, int Width)
{
    public static implicit operator Size2D(int size) => new(size, size);

    public static implicit operator Size2D((int Height, int Width) size) => new(size.Height, size.Width);

    /// <summary>Whether both sides are square (height = width).</summary>
    public bool IsSquare => Height == Width;

    /// <summary>Throws unless both sides are ≥ 1.</summary>
    public Size2D RequirePositive(string what)
    {
        if (Height < 1 || Width < 1) throw new ArgumentException($"The {what} must be at least 1 × 1; got {this}.");
        return this;
    }

    /// <summary>"3" or "2x3" → a size.</summary>
    public static Size2D Parse(string text, string what)
    {
        var parts = text.Split('x', 'X', '×');
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
        {
            int h = int.Parse(parts[0], CultureInfo.InvariantCulture);
            return new Size2D(h, parts.Length == 2 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : h);
        }
        throw new ArgumentException($"The {what} '{text}' is not a size such as 3 or 2x3.");
    }

    public override string ToString() => IsSquare ? Height.ToString(CultureInfo.InvariantCulture) : $"{Height}x{Width}";
}
