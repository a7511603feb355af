namespace Backprop.Data;

/// <summary>What the headers of a folder's images say, read without decoding any pixels: the median of max(width, height)
/// (the lower middle one of an even count), whether every image is greyscale (so the model can take one channel), and
/// the files whose header could not be read.</summary>
public sealed record ImageSurvey(int MedianSide, bool AllGreyscale, IReadOnlyList<string> Unreadable)
{
    /// <summary>Channels per pixel the images are read with: 1 when every image is greyscale, else 3 (RGB).</summary>
    public int Channels => AllGreyscale ? 1 : 3;
}
