using System.Numerics;
using Backprop.Tensors;
using StbImageSharp;

namespace Backprop.Data;

/// <summary>Images in one sub-folder per class (<c>cats/…jpg</c>, <c>dogs/…png</c>): each decoded (JPEG, PNG, BMP, GIF, TGA;
/// 16-bit PNGs are reduced to 8 bits), turned upright by its EXIF orientation, converted to RGB (or kept greyscale), centre-cropped
/// to the target's aspect ratio and resized to width × height by bilinear sampling, rounded to bytes (so a cached image
/// equals a decoded one), flattened like the course's cat data — feature = (row·width + col)·channels + channel — and
/// scaled to [0, 1] (value / 255). Class names are the sorted folder names.</summary>
public static class ImageFolder
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tga"];

    /// <summary>All images under <paramref name="folder"/>, with <paramref name="channels"/> = 3 (RGB) or 1 (greyscale) per
    /// pixel; targets are class indices as a column (use <see cref="Dataset{T}.WithOneHotTargets"/> for softmax).</summary>
    public static Dataset<T> Load<T>(string folder, int width = 64, int height = 64, int channels = 3) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (files, classes) = List(folder);
        int features = width * height * channels;
        var x = Tensor<T>.Zeros(files.Count, features);
        var y = Tensor<T>.Zeros(files.Count, 1);
        for (int i = 0; i < files.Count; i++)
        {
            ReadInto(files[i].Path, width, height, x.AsSpan().Slice(i * features, features));
            y[i, 0] = T.CreateChecked(files[i].Label);
        }
        return new Dataset<T>(x, y, classes);
    }

    /// <summary>The images under <paramref name="folder"/> (files with an image extension, in ordinal order within each class
    /// folder) with their class index, and the class names (sorted folder names); nothing is opened. Fewer than
    /// <paramref name="minimumClasses"/> class folders (two for training, one to evaluate on), or a class folder without images, is an error naming the folder.</summary>
    public static (IReadOnlyList<(string Path, int Label)> Files, string[] Classes) List(string folder, int minimumClasses = 2)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist.");
        var classes = Directory.GetDirectories(folder).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < minimumClasses)
            throw new DataFormatException(folder, $"needs one sub-folder per class (at least {(minimumClasses == 1 ? "one" : minimumClasses == 2 ? "two" : minimumClasses)}); found {classes.Length}");
        var files = new List<(string Path, int Label)>();
        for (int c = 0; c < classes.Length; c++)
        {
            int before = files.Count;
            foreach (var f in Directory.EnumerateFiles(Path.Combine(folder, classes[c])).Order(StringComparer.Ordinal))
                if (Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())) files.Add((f, c));
            if (files.Count == before)
                throw new DataFormatException(Path.Combine(folder, classes[c]), "is a class folder without images (.jpg, .png, .bmp, .gif, .tga); add images or remove it");
        }
        return (files, classes);
    }

    /// <summary>The headers of <paramref name="paths"/>, opened one at a time: their median side (an unreadable header counts
    /// as <paramref name="fallback"/>), whether all are greyscale, and which could not be read.</summary>
    public static ImageSurvey Survey(IEnumerable<string> paths, int fallback)
    {
        var sides = new List<int>();
        var unreadable = new List<string>();
        bool grey = true;
        foreach (var path in paths)
        {
            var info = Header(path);
            if (info is null) { unreadable.Add(path); sides.Add(fallback); continue; }
            sides.Add(Math.Max(info.Value.Width, info.Value.Height));
            grey &= info.Value.ColorComponents is ColorComponents.Grey or ColorComponents.GreyAlpha;
        }
        if (sides.Count == 0) throw new ArgumentException("A survey needs at least one image.", nameof(paths));
        sides.Sort();
        return new ImageSurvey(sides[(sides.Count - 1) / 2], grey && unreadable.Count < sides.Count, unreadable);
    }

    /// <summary>The median of max(width, height) over the images' headers (<see cref="Survey"/>).</summary>
    public static int MedianSide(IEnumerable<string> paths, int fallback) => Survey(paths, fallback).MedianSide;

    private static ImageInfo? Header(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ImageInfo.FromStream(stream);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException) { return null; }
    }

    /// <summary>One image as features scaled to [0, 1]: <see cref="DecodeInto"/>, each byte divided by 255. The channels
    /// are destination.Length / (width·height): 3 or 1.</summary>
    public static void ReadInto<T>(string path, int width, int height, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var bytes = new byte[destination.Length];
        DecodeInto(path, width, height, bytes);
        Scale(bytes, destination);
    }

    /// <summary>destination ← bytes / 255.</summary>
    public static void Scale<T>(ReadOnlySpan<byte> bytes, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var inverse = T.One / T.CreateChecked(255);
        for (int i = 0; i < bytes.Length; i++) destination[i] = T.CreateChecked(bytes[i]) * inverse;
    }

    /// <summary>One image decoded, upright, centre-cropped to width : height, resized to width × height and rounded to bytes,
    /// with destination.Length / (width·height) channels (3: RGB, 1: grey). A file that cannot be decoded is a
    /// <see cref="DataFormatException"/> naming it.</summary>
    public static void DecodeInto(string path, int width, int height, Span<byte> destination)
    {
        int channels = destination.Length / (width * height);
        if (channels is not (1 or 3) || channels * width * height != destination.Length)
            throw new ArgumentException($"The destination holds {destination.Length} bytes, not width·height·(1 or 3) for {width} × {height}.", nameof(destination));
        ImageResult image;
        try
        {
            using var stream = File.OpenRead(path);
            image = ImageResult.FromStream(stream, channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"is not an image this tool can decode ({e.Message})");
        }
        var upright = ExifOrientation.Upright(path, image.Data, image.Width, image.Height, channels);
        ImageResize.CentreCropBilinear(upright.Pixels, upright.Width, upright.Height, channels, width, height, destination);
    }
}
