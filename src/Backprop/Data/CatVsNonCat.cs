using System.Numerics;
using Backprop.Tensors;
using PureHDF;

namespace Backprop.Data;

/// <summary>The course's cat vs non-cat images (HDF5): 209 training and 50 test images of 64×64×3 bytes, each flattened to
/// 12288 features in the course's order, feature (row·64 + col)·3 + channel, and divided by 255. Y [m × 1] is 1 for cat;
/// the class names are ["non-cat", "cat"].</summary>
public static class CatVsNonCat
{
    /// <summary>The folder under the data root that holds the two files.</summary>
    public const string Folder = "catvnoncat";

    /// <summary>(train, test) from <c>catvnoncat/train_catvnoncat.h5</c> and <c>catvnoncat/test_catvnoncat.h5</c> under
    /// <paramref name="root"/> (default <see cref="DataPaths.Root"/>).</summary>
    public static (Dataset<T> Train, Dataset<T> Test) Load<T>(string? root = null) where T : unmanaged, IFloatingPointIeee754<T> =>
        (Read<T>(DataPaths.Find($"{Folder}/train_catvnoncat.h5", root), "train_set_x", "train_set_y"),
         Read<T>(DataPaths.Find($"{Folder}/test_catvnoncat.h5", root), "test_set_x", "test_set_y"));

    /// <summary>Reads one file in the course's layout: images under <paramref name="imagesKey"/> (m × h × w × c bytes, or
    /// m × n), integer labels under <paramref name="labelsKey"/> and, when present, class names under <c>list_classes</c>.
    /// Pixels become x = byte / 255 in row-major order; labels become Y [m × 1] for two classes, else [m] class indices.</summary>
    public static Dataset<T> Read<T>(string path, string imagesKey, string labelsKey) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"HDF5 file '{path}' not found.", path);
        try
        {
            using var file = H5File.OpenRead(path);
            if (!file.LinkExists(imagesKey)) throw new DataFormatException(path, $"has no dataset '{imagesKey}'", column: imagesKey);
            if (!file.LinkExists(labelsKey)) throw new DataFormatException(path, $"has no dataset '{labelsKey}'", column: labelsKey);
            var images = file.Dataset(imagesKey);
            var dims = images.Space.Dimensions.Select(d => checked((int)d)).ToArray();
            if (dims.Length < 2)
                throw new DataFormatException(path, $"dataset '{imagesKey}' has shape ({string.Join(", ", dims)}); expected examples × height × width × channels", column: imagesKey);
            int m = dims[0], n = dims.Skip(1).Aggregate(1, (a, b) => checked(a * b));
            var pixels = images.Read<byte[]>();
            if (pixels.Length != (long)m * n)
                throw new DataFormatException(path, $"dataset '{imagesKey}' holds {pixels.Length} bytes; its shape needs {(long)m * n}", column: imagesKey);
            var labels = file.Dataset(labelsKey).Read<long[]>();
            if (labels.Length != m)
                throw new DataFormatException(path, $"'{labelsKey}' has {labels.Length} labels for {m} images", column: labelsKey);
            string[]? classes = file.LinkExists("list_classes")
                ? file.Dataset("list_classes").Read<string[]>().Select(s => s.TrimEnd('\0', ' ')).ToArray()
                : null;
            int classCount = classes?.Length ?? (int)Math.Max(2, labels.Length == 0 ? 0 : labels.Max() + 1);
            for (int i = 0; i < m; i++)
                if (labels[i] < 0 || labels[i] >= classCount)
                    throw new DataFormatException(path, $"label {labels[i]} of example {i} is outside 0..{classCount - 1}", column: labelsKey);

            var x = Tensor<T>.Zeros(m, n);
            var xs = x.AsSpan();
            T scale = T.CreateChecked(255);
            for (int i = 0; i < xs.Length; i++) xs[i] = T.CreateChecked(pixels[i]) / scale;
            var y = classCount == 2 ? Tensor<T>.Zeros(m, 1) : Tensor<T>.Zeros(m);
            var ys = y.AsSpan();
            for (int i = 0; i < m; i++) ys[i] = T.CreateChecked(labels[i]);
            return new Dataset<T>(x, y, classes);
        }
        catch (Exception e) when (e is not DataFormatException and not FileNotFoundException)
        {
            throw new DataFormatException(path, $"cannot read HDF5 datasets '{imagesKey}' and '{labelsKey}': {e.Message}");
        }
    }
}
