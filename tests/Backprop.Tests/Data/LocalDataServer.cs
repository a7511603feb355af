using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Backprop.Tests.Data;

/// <summary>An HTTP server on 127.0.0.1 serving files by relative path, so download tests never reach the internet.
/// It honours <c>Range: bytes=N-</c> with 206 unless <see cref="IgnoreRanges"/>, can cut the first response short after
/// <see cref="CutAfter"/> bytes (a dropped connection), and can flip a byte of every body (<see cref="Corrupt"/>).</summary>
public sealed class LocalDataServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, byte[]> _files;
    private int _cutsLeft;

    public LocalDataServer(IReadOnlyDictionary<string, string> files, int? cutAfter = null)
    {
        _files = files.ToDictionary(f => f.Key, f => File.ReadAllBytes(f.Value), StringComparer.Ordinal);
        CutAfter = cutAfter;
        _cutsLeft = cutAfter is null ? 0 : 1;
        int port = FreePort();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.ToString());
        _listener.Start();
        _ = Task.Run(Serve);
    }

    public Uri Address { get; }
    public int? CutAfter { get; }
    public bool IgnoreRanges { get; init; }
    public bool Corrupt { get; init; }

    /// <summary>Each request as "PATH RANGE" (RANGE empty when none was sent).</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>A port that is free now (and so, for a test, closed: nothing listens on it).</summary>
    public static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => Answer(context));
        }
    }

    private void Answer(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath.TrimStart('/');
        var range = context.Request.Headers["Range"] ?? "";
        Requests.Enqueue($"{path} {range}".TrimEnd());
        var response = context.Response;
        try
        {
            if (!_files.TryGetValue(path, out var bytes)) { response.StatusCode = 404; response.Close(); return; }
            long from = 0;
            if (!IgnoreRanges && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                from = long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (from >= bytes.Length) { response.StatusCode = 416; response.Close(); return; }
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{bytes.Length - 1}/{bytes.Length}";
            }
            var body = bytes.AsSpan((int)from).ToArray();
            if (Corrupt) body[body.Length / 2] ^= 0xFF;
            response.ContentLength64 = body.Length;
            if (Interlocked.Decrement(ref _cutsLeft) == 0 && CutAfter is { } cut)
            {
                response.OutputStream.Write(body, 0, Math.Min(cut, body.Length));
                response.OutputStream.Flush();
                response.Abort(); // the connection drops mid-body
                return;
            }
            response.OutputStream.Write(body);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException) { }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
    }
}
