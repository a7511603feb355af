using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backprop.Cli.Playground;

/// <summary>The playground's web application: Kestrel on <see cref="PlaygroundOptions.Host"/> (127.0.0.1 unless the user
/// widens it), the page, and the JSON + server-sent-events API. <paramref name="configure"/> lets tests swap the server.</summary>
public static class PlaygroundServer
{
    public static WebApplication Build(PlaygroundOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(PlaygroundServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{(options.Host.Contains(':') ? $"[{options.Host}]" : options.Host)}:{options.Port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 2 * UploadedTable.MaxBytes);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SessionRegistry>();
        configure?.Invoke(builder);
        var app = builder.Build();
        var registry = app.Services.GetRequiredService<SessionRegistry>();
        app.Lifetime.ApplicationStopping.Register(registry.Dispose);
        StaticAssets.Map(app);
        PlaygroundApi.Map(app, registry, options);
        return app;
    }
}
