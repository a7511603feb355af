using System.Numerics;
using Backprop.Tensors;
using StbImageSharp;

namespace Backprop.Data;

/// <summary>Images in one sub-folder per class (<c>cats/…jpg</c>, <c>dogs/…png</c>): each decoded (JPEG, PNG, BMP, GIF, TGA),
/// converted to RGB, resized to width × height by bilinear sampling, flattened like the course's cat data —
/// feature = (row·width + col)·3 + channel — and scaled to [0, 1]. Class names are the sorted folder names.</summary>
public static class ImageFolder
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tga"];

    /// <summary>All images under <paramref name="folder"/>; targets are class indices as a column (use <see cref="Dataset{T}.WithOneHotTargets"/> for softmax).</summary>
    public static Dataset<T> Load<T>(string folder, int width = 64, int height = 64) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (files, classes) = List(folder);
        var x = Tensor<T>.Zeros(files.Count, width * height * 3);
        var y = Tensor<T>.Zeros(files.Count, 1);
        for (int i = 0; i < files.Count; i++)
        {
            ReadInto(files[i].Path, width, height, x.AsSpan().Slice(i * width * height * 3, width * height * 3));
            y[i, 0] = T.CreateChecked(files[i].Label);
        }
        return new Dataset<T>(x, y, classes);
    }

    /// <summary>The images under <paramref name="folder"/> (files with an image extension, in ordinal order within each class
    /// folder) with their class index, and the class names (sorted folder names); nothing is opened.</summary>
    public static (IReadOnlyList<(string Path, int Label)> Files, string[] Classes) List(string folder)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"Image folder '{folder}' does not exist.");
        var classes = Directory.GetDirectories(folder).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2) throw new DataFormatException(folder, $"needs one sub-folder per class (at least two); found {classes.Length}");
        var files = new List<(string Path, int Label)>();
        for (int c = 0; c < classes.Length; c++)
            foreach (var f in Directory.EnumerateFiles(Path.Combine(folder, classes[c])).Order(StringComparer.Ordinal))
                if (Extensions.Contains(Path.GetExtension(f).ToLowerInvariant())) files.Add((f, c));
        if (files.Count == 0) throw new DataFormatException(folder, "contains no images (.jpg, .png, .bmp, .gif, .tga) in its class folders");
        return (files, classes);
    }

    /// <summary>The median of max(width, height) over the images (the lower middle one of an even count), read from their headers only (no pixels decoded); a file
    /// whose header cannot be read counts as <paramref name="fallback"/>.</summary>
    public static int MedianSide(IEnumerable<string> paths, int fallback)
    {
        var sides = paths.Select(path => Side(path) ?? fallback).Order().ToArray();
        if (sides.Length == 0) throw new ArgumentException("The median size needs at least one image.", nameof(paths));
        return sides[(sides.Length - 1) / 2];
    }

    private static int? Side(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return ImageInfo.FromStream(stream) is { } info ? Math.Max(info.Width, info.Height) : null;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException) { return null; }
    }

    /// <summary>One image as features, resized to width × height and scaled to [0, 1].</summary>
    public static void ReadInto<T>(string path, int width, int height, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ImageResult image;
        try
        {
            using var stream = File.OpenRead(path);
            image = ImageResult.FromStream(stream, ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not UnauthorizedAccessException)
        {
            throw new DataFormatException(path, $"is not an image this tool can decode ({e.Message})");
        }
        Resize(image.Data, image.Width, image.Height, width, height, destination);
    }

    /// <summary>Bilinear resampling of an RGB image, pixel centres aligned, values divided by 255.</summary>
    private static void Resize<T>(byte[] rgb, int sourceWidth, int sourceHeight, int width, int height, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int row = 0; row < height; row++)
        {
            double sy = Math.Clamp((row + 0.5) * sourceHeight / height - 0.5, 0, sourceHeight - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, sourceHeight - 1);
            double fy = sy - y0;
            for (int col = 0; col < width; col++)
            {
                double sx = Math.Clamp((col + 0.5) * sourceWidth / width - 0.5, 0, sourceWidth - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, sourceWidth - 1);
                double fx = sx - x0;
                for (int ch = 0; ch < 3; ch++)
                {
                    double top = rgb[(y0 * sourceWidth + x0) * 3 + ch] * (1 - fx) + rgb[(y0 * sourceWidth + x1) * 3 + ch] * fx;
                    double bottom = rgb[(y1 * sourceWidth + x0) * 3 + ch] * (1 - fx) + rgb[(y1 * sourceWidth + x1) * 3 + ch] * fx;
                    destination[(row * width + col) * 3 + ch] = T.CreateChecked((top * (1 - fy) + bottom * fy) / 255.0);
                }
            }
        }
    }
}
