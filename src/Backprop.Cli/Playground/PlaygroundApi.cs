using Backprop.Cli.Inputs;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Backprop.Cli.Playground;

/// <summary>The page's API. Every request body is parsed and validated here (the page is not trusted); a refusal is
/// HTTP 400 with <c>{"error": "one line"}</c>, an ended session 404. Frames travel by server-sent events.</summary>
public static class PlaygroundApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app, SessionRegistry registry, PlaygroundOptions options)
    {
        app.MapGet("/api/info", () => Results.Json(new
        {
            datasets = ToyDatasets.Names,
            regression = ToyDatasets.Names.Where(ToyDatasets.IsRegression),
            features = FeatureMap.All,
            activations = PlaygroundSettings.Activations,
            optimizers = PlaygroundSettings.Optimizers,
            maxHiddenLayers = PlaygroundSettings.MaxHiddenLayers,
            maxUnits = PlaygroundSettings.MaxUnits,
            defaults = options.Data is null ? new PlaygroundSettings() : new PlaygroundSettings { Dataset = "csv" },
            csv = options.Data is { } d ? $"{d.Columns[0]}, {d.Columns[1]} → {d.Target}" : null,
            maxUploadBytes = UploadedTable.MaxBytes,
        }, Json));

        app.MapPost("/api/sessions", (HttpRequest request) => Guard(async () =>
        {
            var settings = await ReadSettings(request);
            var session = registry.Create(settings);
            return Results.Json(new { id = session.Id }, Json);
        }));

        app.MapPost("/api/sessions/{id}/settings", (string id, HttpRequest request) => WithSession(registry, id, async s =>
        {
            await s.Update(await ReadSettings(request));
            return Results.Json(new { ok = true }, Json);
        }));

        app.MapPost("/api/sessions/{id}/{action}", (string id, string action) => WithSession(registry, id, async s =>
        {
            switch (action)
            {
                case "play": await s.Play(); break;
                case "pause": await s.Pause(); break;
                case "step": await s.Step(); break;
                case "reset": await s.Reset(); break;
                case "close": registry.End(id); break;
                default: throw new PlaygroundException($"unknown action '{action}'; use play, pause, step, reset or close");
            }
            return Results.Json(new { ok = true }, Json);
        }));

        app.MapPost("/api/sessions/{id}/upload", (string id, HttpRequest request) => WithSession(registry, id, async s =>
        {
            string name = request.Query["name"].FirstOrDefault() is { Length: > 0 and < 200 } n ? n : "upload.csv";
            if (request.ContentLength > UploadedTable.MaxBytes)
                throw new PlaygroundException($"{name}: too large ({request.ContentLength / 1024} KiB); the playground takes up to {UploadedTable.MaxBytes / 1024} KiB.");
            var text = await ReadLimited(request, UploadedTable.MaxBytes + 1);
            var data = UploadedTable.Parse(text, name, request.Query["target"].FirstOrDefault());
            await s.Upload(data);
            return Results.Json(new { ok = true, rows = data.Points.Length, regression = data.IsRegression, columns = data.Columns, target = data.Target }, Json);
        }));

        app.MapGet("/api/sessions/{id}/model.bp", (string id) => WithSession(registry, id, async s =>
            Results.File(await s.SaveModel(), "application/octet-stream", $"playground-{s.Points.Dataset}.bp")));

        app.MapGet("/api/sessions/{id}/data.csv", (string id) => WithSession(registry, id, async s =>
            Results.File(Encoding.UTF8.GetBytes(await s.DataCsv()), "text/csv", $"playground-{s.Points.Dataset}.csv")));

        app.MapGet("/api/sessions/{id}/frame", (string id) => WithSession(registry, id, s =>
            Task.FromResult(Results.Json(new { frame = s.Latest, points = s.Points }, Json))));

        app.MapGet("/api/sessions/{id}/events", (string id, HttpContext context) => EventStream.Run(registry, id, context));
    }

    private static async Task<IResult> WithSession(SessionRegistry registry, string id, Func<PlaygroundSession, Task<IResult>> work)
    {
        var session = registry.Find(id);
        if (session is null) return Results.Json(new { error = "this session has ended (the page was away too long); reload the page" }, Json, statusCode: 404);
        session.Touch();
        return await Guard(() => work(session));
    }

    private static async Task<IResult> Guard(Func<Task<IResult>> work)
    {
        try { return await work(); }
        catch (PlaygroundException e) { return Results.Json(new { error = e.Message }, Json, statusCode: 400); }
    }

    /// <summary>The settings in the request body, validated.</summary>
    private static async Task<PlaygroundSettings> ReadSettings(HttpRequest request)
    {
        PlaygroundSettings? settings;
        try { settings = JsonSerializer.Deserialize<PlaygroundSettings>(await ReadLimited(request, 64 * 1024), Json); }
        catch (JsonException e) { throw new PlaygroundException($"the settings are not valid JSON ({e.Message})"); }
        return (settings ?? throw new PlaygroundException("no settings were sent")).Validate();
    }

    /// <summary>The body as text, refusing one longer than <paramref name="limit"/> characters.</summary>
    private static async Task<string> ReadLimited(HttpRequest request, int limit)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[limit + 1];
        int total = 0, read;
        while (total <= limit && (read = await reader.ReadAsync(buffer.AsMemory(total, limit + 1 - total))) > 0) total += read;
        if (total > limit) throw new PlaygroundException($"the upload is too large; the playground takes up to {limit / 1024} KiB");
        return new string(buffer, 0, total);
    }
}
