using System.Collections.Concurrent;
using System.Numerics;
using Backprop.Data;
using Backprop.Randomness;
using Backprop.Tensors;

namespace Backprop.Training;

/// <summary>Batches of an image folder (one sub-folder per class, <see cref="ImageFolder.List"/>) streamed from disk:
/// batch k of an epoch holds the images order[k·B … k·B + b − 1], each decoded and resized to width × height RGB by
/// <see cref="ImageFolder.ReadInto"/> (the rows <see cref="ImageFolder.Load"/> gives), with Y their class index as a
/// column, or one-hot rows when <see cref="ImageStreamOptions.OneHot"/>. A background producer decodes the next
/// <see cref="ImageStreamOptions.PrefetchDepth"/> batches on <see cref="ImageStreamOptions.DecodeThreads"/> worker
/// threads while the step runs; image i of a batch always lands in row i, so the batches are the same whatever the
/// number of threads, and order = NumPy's <c>permutation(m)</c> of the shuffle each epoch, as in
/// <see cref="TensorBatchSource{T}"/>. Memory: (depth + 1)·B·width·height·channels values, plus at most
/// <see cref="ImageStreamOptions.CacheBytes"/> of decoded images kept for later epochs, one byte per value (the decoded
/// bytes are what <see cref="ImageFolder.DecodeInto"/> gives, so a cached image equals a decoded one).</summary>
public sealed class ImageFolderBatchSource<T> : IBatchSource<T>, IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly IReadOnlyList<(string Path, int Label)> _files;
    private readonly int _width, _height, _features, _batch, _classes;
    private readonly ImageStreamOptions _options;
    private readonly NumpyRandom? _shuffle;
    private readonly ConcurrentDictionary<int, byte[]> _cache = new();
    private long _cachedBytes;
    private readonly BlockingCollection<Slot> _free = new();
    private BlockingCollection<(int Index, Slot Slot)>? _ready;
    private CancellationTokenSource? _cancel;
    private Task? _producer;
    private Exception? _failure;
    private Slot? _held;
    private int _next;
    private int[] _order;

    /// <summary>The images of <paramref name="folder"/> in batches of <paramref name="batch"/>, resized to
    /// <paramref name="width"/> × <paramref name="height"/> RGB, reshuffled each epoch by <paramref name="shuffle"/> (file order
    /// when null). Nothing is decoded until the first epoch starts.</summary>
    public ImageFolderBatchSource(string folder, int width, int height, int batch, NumpyRandom? shuffle, ImageStreamOptions? options = null)
        : this(ImageFolder.List(folder), width, height, 3, batch, shuffle, options) { }

    /// <summary>The images <paramref name="listing"/> names (a folder's <see cref="ImageFolder.List"/>, or part of it), with
    /// <paramref name="channels"/> = 3 (RGB) or 1 (grey) per pixel.</summary>
    public ImageFolderBatchSource((IReadOnlyList<(string Path, int Label)> Files, string[] Classes) listing, int width, int height, int channels,
        int batch, NumpyRandom? shuffle, ImageStreamOptions? options = null)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"The image size must be positive; got {width} × {height}.");
        if (channels is not (1 or 3)) throw new ArgumentOutOfRangeException(nameof(channels), channels, "Images are read with 3 channels (RGB) or 1 (grey).");
        if (batch <= 0) throw new ArgumentOutOfRangeException(nameof(batch), batch, "The batch size must be ≥ 1.");
        if (listing.Files.Count == 0) throw new ArgumentException("An image stream needs at least one image.", nameof(listing));
        _options = (options ?? new ImageStreamOptions()).Validated();
        (_files, Classes) = listing;
        (_width, _height, _features, _shuffle) = (width, height, width * height * channels, shuffle);
        _batch = Math.Min(batch, _files.Count);
        _classes = _options.OneHot ? Classes.Count : 1;
        _order = Enumerable.Range(0, _files.Count).ToArray();
        for (int s = 0; s <= _options.PrefetchDepth; s++)
            _free.Add(new Slot(Tensor<T>.Zeros(_batch, _features), Tensor<T>.Zeros(_batch, _classes)));
    }

    /// <summary>The class names, sorted folder names; label c is Classes[c].</summary>
    public IReadOnlyList<string> Classes { get; }

    public int Count => _files.Count;

    public int BatchSize => _batch;

    /// <summary>Total time <see cref="Batch"/> waited for the producer: zero when decoding keeps up with training.</summary>
    public TimeSpan WaitTime { get; private set; }

    /// <summary>Bytes of decoded images held in the cache (at most <see cref="ImageStreamOptions.CacheBytes"/>).</summary>
    public long CachedBytes => Interlocked.Read(ref _cachedBytes);

    public void StartEpoch()
    {
        StopProducer();
        if (_shuffle is not null) _order = _shuffle.Permutation(_files.Count);
        _next = 0;
        _failure = null;
        _ready = new BlockingCollection<(int, Slot)>();
        _cancel = new CancellationTokenSource();
        var (order, ready, cancel) = (_order, _ready, _cancel.Token);
        _producer = Task.Run(() => Produce(order, ready, cancel));
    }

    /// <summary>Batch <paramref name="index"/>; batches come in order 0, 1, … after <see cref="StartEpoch"/>, and the
    /// previous batch's tensors are reused once this is called. A file that cannot be decoded surfaces here as the
    /// <see cref="DataFormatException"/> naming it.</summary>
    public (Tensor<T> X, Tensor<T> Y) Batch(int index)
    {
        if (_ready is null) throw new InvalidOperationException("Call StartEpoch before asking for batches.");
        if (index != _next) throw new InvalidOperationException($"An image stream gives its batches in order; batch {_next} comes next, not {index}.");
        if (_held is not null) { _free.Add(_held); _held = null; }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        bool got = _ready.TryTake(out var item, Timeout.Infinite);
        WaitTime += clock.Elapsed;
        if (!got)
        {
            if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
            throw new InvalidOperationException($"The epoch has {((IBatchSource<T>)this).BatchesPerEpoch} batches.");
        }
        _held = item.Slot;
        _next++;
        int count = Math.Min(_batch, _files.Count - index * _batch);
        return count == _batch ? (item.Slot.X, item.Slot.Y) : (item.Slot.X.Rows(0, count), item.Slot.Y.Rows(0, count));
    }

    public void Dispose()
    {
        StopProducer();
        _free.Dispose();
    }

    private void Produce(int[] order, BlockingCollection<(int, Slot)> ready, CancellationToken cancel)
    {
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.DecodeThreads, CancellationToken = cancel };
            for (int start = 0, k = 0; start < order.Length; start += _batch, k++)
            {
                var slot = _free.Take(cancel);
                int count = Math.Min(_batch, order.Length - start);
                slot.Y.Fill(T.Zero);
                Parallel.For(0, count, parallel, i => Fill(order[start + i], slot, i));
                ready.Add((k, slot), cancel);
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
        catch (Exception e) { _failure = e is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : e; }
        finally { ready.CompleteAdding(); }
    }

    /// <summary>Row <paramref name="row"/> of the slot ← image <paramref name="image"/> (from the cache when it is there).</summary>
    private void Fill(int image, Slot slot, int row)
    {
        var x = slot.X.AsSpan().Slice(row * _features, _features);
        if (_cache.TryGetValue(image, out var cached)) ImageFolder.Scale<T>(cached, x);
        else
        {
            var bytes = new byte[_features];
            ImageFolder.DecodeInto(_files[image].Path, _width, _height, bytes);
            ImageFolder.Scale<T>(bytes, x);
            if (Interlocked.Add(ref _cachedBytes, bytes.Length) <= _options.CacheBytes) _cache[image] = bytes;
            else Interlocked.Add(ref _cachedBytes, -bytes.Length);
        }
        int label = _files[image].Label;
        if (_options.OneHot) slot.Y[row, label] = T.One;
        else slot.Y[row, 0] = T.CreateChecked(label);
    }

    private void StopProducer()
    {
        if (_producer is null) return;
        _cancel!.Cancel();
        while (_ready!.TryTake(out var item)) _free.Add(item.Slot);
        _producer.Wait();
        while (_ready.TryTake(out var item)) _free.Add(item.Slot);
        if (_held is not null) { _free.Add(_held); _held = null; }
        _ready.Dispose();
        _cancel.Dispose();
        (_producer, _ready, _cancel) = (null, null, null);
    }

    private sealed record Slot(Tensor<T> X, Tensor<T> Y);
}
