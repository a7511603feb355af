using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Backprop.Cli.Playground;

/// <summary>Server-sent events for one page: <c>event: points</c> when the data changes, then a frame per update (the
/// newest; frames a slow page missed are skipped, so it never falls behind), and a comment every 10 s so a vanished page
/// is noticed. While the stream is open the session counts as watched.</summary>
public static class EventStream
{
    public static async Task Run(SessionRegistry registry, string id, HttpContext context)
    {
        var session = registry.Find(id);
        if (session is null)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { error = "this session has ended; reload the page" });
            return;
        }
        var cancel = context.RequestAborted;
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        session.Attach();
        try
        {
            long version = 0;
            int dataVersion = -1;
            await context.Response.WriteAsync(": connected\n\n", cancel);
            await context.Response.Body.FlushAsync(cancel);
            while (!cancel.IsCancellationRequested && !session.IsStopped)
            {
                Frame frame;
                try { frame = await session.NextFrame(version, cancel).WaitAsync(TimeSpan.FromSeconds(10), cancel); }
                catch (TimeoutException)
                {
                    await context.Response.WriteAsync(": ping\n\n", cancel);
                    await context.Response.Body.FlushAsync(cancel);
                    continue;
                }
                var points = session.Points;
                if (points.Version != dataVersion)
                {
                    await Send(context, "points", JsonSerializer.Serialize(points, PlaygroundApi.Json), cancel);
                    dataVersion = points.Version;
                }
                await Send(context, "frame", JsonSerializer.Serialize(frame, PlaygroundApi.Json), cancel);
                version = frame.Version;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        finally { session.Detach(); }
    }

    private static async Task Send(HttpContext context, string name, string json, CancellationToken cancel)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {json}\n\n", cancel);
        await context.Response.Body.FlushAsync(cancel);
    }
}
