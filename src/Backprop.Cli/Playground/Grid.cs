namespace Backprop.Cli.Playground;

/// <summary>The plane the page draws, [−6, 6]², sampled at <see cref="Size"/>² pixel centres (row 0 at the top, x2 = +6);
/// neuron maps take every <see cref="Stride"/>-th pixel, <see cref="NeuronSize"/>² of them.</summary>
public static class Grid
{
    public const int Size = 100;
    public const int Stride = 4;
    public const int NeuronSize = Size / Stride;
    public const double Extent = 6;

    /// <summary>Pixel i's x1 (column) or x2 (row, upward): −6 + (i + ½)·12/100.</summary>
    public static double Coordinate(int i) => -Extent + (i + 0.5) * 2 * Extent / Size;

    /// <summary>The raw coordinates of every pixel centre, row by row.</summary>
    public static (double[] X1, double[] X2) Points()
    {
        var x1 = new double[Size * Size];
        var x2 = new double[Size * Size];
        for (int r = 0; r < Size; r++)
            for (int c = 0; c < Size; c++)
            {
                x1[r * Size + c] = Coordinate(c);
                x2[r * Size + c] = Coordinate(Size - 1 - r);
            }
        return (x1, x2);
    }

    /// <summary>A value in [0, 1] as a byte (NaN as the middle).</summary>
    public static byte ToByte(double unit) => double.IsNaN(unit) ? (byte)128 : (byte)Math.Round(Math.Clamp(unit, 0, 1) * 255);
}
