using System.Net;
using System.Net.Http.Headers;

namespace Backprop.Data;

/// <summary>Fetches catalogued files atomically. Bytes go to <c>NAME.part</c> beside the destination; a <c>.part</c> left
/// by an interrupted run is resumed with an HTTP range request (or restarted when the server ignores ranges); the
/// finished file's sha256 must equal the catalogue's before it is renamed into place. A bad checksum deletes the
/// <c>.part</c>, so nothing corrupt is ever kept. Addresses are tried in order; <see cref="Mirror"/> (or the
/// <c>BACKPROP_DATA_MIRROR</c> variable) replaces them all by <c>MIRROR/relative/path</c>, which is how tests serve
/// local copies from 127.0.0.1.</summary>
public sealed class DatasetDownloader
{
    /// <summary>The environment variable naming a base address that replaces every public address.</summary>
    public const string MirrorVariable = "BACKPROP_DATA_MIRROR";

    private static readonly Lazy<HttpClient> Shared = new(() => new HttpClient(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(20),
        AutomaticDecompression = DecompressionMethods.None,
    })
    { Timeout = Timeout.InfiniteTimeSpan });

    private readonly HttpClient _client;

    /// <param name="client">The client to use (default: one shared client with a 20 s connect timeout).</param>
    /// <param name="mirror">A base address serving files by their relative paths; default <c>BACKPROP_DATA_MIRROR</c>, if set.</param>
    public DatasetDownloader(HttpClient? client = null, Uri? mirror = null)
    {
        _client = client ?? Shared.Value;
        Mirror = mirror ?? (Environment.GetEnvironmentVariable(MirrorVariable) is { Length: > 0 } m ? new Uri(m.EndsWith('/') ? m : m + "/") : null);
    }

    /// <summary>The base address used instead of the catalogue's, or null.</summary>
    public Uri? Mirror { get; }

    /// <summary>Told of the bytes received, every 256 KiB or so and at the end of each file.</summary>
    public IProgress<DownloadProgress>? Progress { get; init; }

    /// <summary>The addresses tried for <paramref name="file"/>, in order.</summary>
    public IReadOnlyList<string> AddressesOf(DatasetFile file) =>
        Mirror is not null ? [new Uri(Mirror, file.RelativePath).ToString()] : file.Urls;

    /// <summary>Downloads <paramref name="file"/> to <paramref name="destination"/>, verified; see the type's summary.</summary>
    /// <exception cref="DatasetDownloadException">Every address failed, or the bytes did not match the sha256.</exception>
    public void Download(DatasetFile file, string destination, CancellationToken cancellation = default)
    {
        var addresses = AddressesOf(file);
        if (addresses.Count == 0) throw new DatasetDownloadException($"{file.RelativePath} has no public address; copy it to {destination} by hand.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(destination))!);
        var part = destination + ".part";
        string? failure = null;
        DatasetDownloadException? badChecksum = null;
        foreach (var address in addresses)
        {
            try
            {
                Fetch(file, address, part, cancellation);
                Verify(file, address, part);
                File.Move(part, destination, overwrite: true);
                return;
            }
            catch (DatasetDownloadException e)
            {
                badChecksum ??= e; // another address may serve the right bytes
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellation.IsCancellationRequested)
            {
                failure ??= $"{address}: {Reason(e)}";
            }
        }
        if (badChecksum is not null) throw badChecksum;
        var kept = File.Exists(part) && new FileInfo(part).Length > 0
            ? $"the {new FileInfo(part).Length} bytes received are kept in {part} and the next try resumes them"
            : "nothing was kept";
        DeleteIfEmpty(part);
        throw new DatasetDownloadException($"cannot download {file.RelativePath} from {failure}; {kept}.");
    }

    private void Fetch(DatasetFile file, string address, string part, CancellationToken cancellation)
    {
        using var output = new FileStream(part, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        long have = output.Length;
        if (file.Bytes > 0 && have > file.Bytes) { output.SetLength(0); have = 0; }
        if (file.Bytes > 0 && have == file.Bytes) return; // finished before a crash, not yet renamed: verify it
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (have > 0) request.Headers.Range = new RangeHeaderValue(have, null);
        using var response = _client.Send(request, HttpCompletionOption.ResponseHeadersRead, cancellation);
        if (have > 0 && response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == have)
            output.Seek(have, SeekOrigin.Begin);
        else
        {
            if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) { output.SetLength(0); output.Dispose(); Fetch(file, address, part, cancellation); return; }
            response.EnsureSuccessStatusCode();
            output.SetLength(0);
            have = 0;
        }
        long total = file.Bytes > 0 ? file.Bytes : have + (response.Content.Headers.ContentLength ?? 0);
        using var input = response.Content.ReadAsStream(cancellation);
        var buffer = new byte[1 << 16];
        long done = have, reported = done;
        Progress?.Report(new DownloadProgress(file.RelativePath, done, total));
        for (int n; (n = input.Read(buffer)) > 0;)
        {
            cancellation.ThrowIfCancellationRequested();
            output.Write(buffer, 0, n);
            done += n;
            if (file.Bytes > 0 && done > file.Bytes) break; // not the file we expect: the checksum rejects it
            if (done - reported >= 1 << 18) { Progress?.Report(new DownloadProgress(file.RelativePath, done, total)); reported = done; }
        }
        output.Flush(flushToDisk: true);
        Progress?.Report(new DownloadProgress(file.RelativePath, done, total));
    }

    private static void Verify(DatasetFile file, string address, string part)
    {
        if (file.Sha256.Length == 0) return;
        var actual = Sha256File.Of(part);
        if (actual == file.Sha256) return;
        long bytes = new FileInfo(part).Length;
        File.Delete(part);
        throw new DatasetDownloadException(
            $"{file.RelativePath} from {address} has sha256 {actual} ({bytes} bytes); expected {file.Sha256} ({file.Bytes} bytes); the download was deleted.");
    }

    private static string Reason(Exception e) => e switch
    {
        HttpRequestException { StatusCode: { } code } => $"the server answered {(int)code} {code}",
        HttpRequestException h => (h.InnerException ?? h).Message.TrimEnd('.'),
        TaskCanceledException => "the connection timed out",
        _ => e.Message.TrimEnd('.'),
    };

    private static void DeleteIfEmpty(string path)
    {
        if (File.Exists(path) && new FileInfo(path).Length == 0) File.Delete(path);
    }
}
