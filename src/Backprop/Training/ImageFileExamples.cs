using System.Numerics;
using Backprop.Data;
using Backprop.Randomness;

namespace Backprop.Training;

/// <summary>Examples that are image files (<see cref="ImageFolder.List"/>), decoded and resized to width × height ×
/// channels only when a batch needs them (<see cref="ImageFolderBatchSource{T}"/>): memory holds the file names, the
/// batches in flight and at most <see cref="ImageStreamOptions.CacheBytes"/> of decoded images per source, whatever the
/// number of files.</summary>
public sealed class ImageFileExamples<T> : IExampleSet<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<(string Path, int Label)> _files;
    private readonly string[] _classes;

    public ImageFileExamples((IReadOnlyList<(string Path, int Label)> Files, string[] Classes) listing, int width, int height, int channels,
        ImageStreamOptions? options = null)
    {
        (_files, _classes) = listing;
        (Width, Height, Channels, Options) = (width, height, channels, options ?? new ImageStreamOptions());
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public ImageStreamOptions Options { get; }

    /// <summary>The class names; label c is Classes[c].</summary>
    public IReadOnlyList<string> Classes => _classes;

    /// <summary>The files and their labels.</summary>
    public IReadOnlyList<(string Path, int Label)> Files => _files;

    public int Count => _files.Count;

    public int Features => Width * Height * Channels;

    public int Outputs => Options.OneHot ? _classes.Length : 1;

    public IExampleSet<T> Take(ReadOnlySpan<int> rows)
    {
        var taken = new (string, int)[rows.Length];
        for (int i = 0; i < rows.Length; i++) taken[i] = _files[rows[i]];
        return new ImageFileExamples<T>((taken, _classes), Width, Height, Channels, Options);
    }

    /// <summary>The same files read another way (one-hot, another cache size).</summary>
    public ImageFileExamples<T> With(ImageStreamOptions options) => new((_files, _classes), Width, Height, Channels, options);

    /// <summary>In order and uncached: a one-pass read would fill the cache with images nobody asks for again.</summary>
    public IBatchSource<T> OnePass(int batchSize) => With(Options with { CacheBytes = 0 }).Batches(batchSize, shuffle: null);

    public IBatchSource<T> Batches(int batchSize, NumpyRandom? shuffle) =>
        new ImageFolderBatchSource<T>((_files, _classes), Width, Height, Channels, batchSize, shuffle, Options);
}
