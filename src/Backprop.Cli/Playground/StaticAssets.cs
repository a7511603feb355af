using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Backprop.Cli.Playground;

/// <summary>The page: plain HTML, CSS and JavaScript embedded in the tool (EmbeddedResource "Playground.*"), no build step.</summary>
public static class StaticAssets
{
    private static readonly (string Path, string Resource, string Type)[] Files =
    [
        ("/", "Playground.index.html", "text/html; charset=utf-8"),
        ("/playground.css", "Playground.playground.css", "text/css; charset=utf-8"),
        ("/playground.js", "Playground.playground.js", "text/javascript; charset=utf-8"),
    ];

    public static void Map(WebApplication app)
    {
        foreach (var (path, resource, type) in Files)
        {
            var bytes = Read(resource);
            app.MapGet(path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "no-cache";
                return Results.Bytes(bytes, type);
            });
        }
        app.MapGet("/favicon.ico", () => Results.NoContent());
    }

    public static byte[] Read(string resource)
    {
        using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"the tool was built without its page ({resource})");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
