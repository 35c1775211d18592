using System.Globalization;
using System.Runtime.InteropServices;

namespace Interceptor.Simulator.Hosting;

/// <summary>The standalone server's arguments: <c>--port N</c> (default 0, any free port).</summary>
internal static class CommandLine
{
    private static readonly List<PosixSignalRegistration> Registrations = [];

    /// <summary>The options, or null (after printing usage) when the arguments are wrong.</summary>
    public static FakeApiServerOptions? TryParse(string[] args)
    {
        try
        {
            return Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"{e.Message}{Environment.NewLine}usage: Interceptor.Simulator [--port N]");
            return null;
        }
    }

    private static FakeApiServerOptions Parse(string[] args)
    {
        var port = 0;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--port" && i + 1 < args.Length)
            {
                port = int.Parse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else if (args[i].StartsWith("--port=", StringComparison.Ordinal))
            {
                port = int.Parse(args[i]["--port=".Length..], NumberStyles.None, CultureInfo.InvariantCulture);
            }
            else
            {
                throw new ArgumentException($"unknown argument \"{args[i]}\"");
            }
        }
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new FakeApiServerOptions
        {
            Port = port,
            ConfigureLogging = logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning),
        };
    }

    /// <summary>Completes on Ctrl-C or SIGTERM; the registrations live as long as the process.</summary>
    public static Task ShutdownRequested()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM })
        {
            Registrations.Add(PosixSignalRegistration.Create(signal, context =>
            {
                // Cancel the default termination so `await using` can stop Kestrel cleanly.
                context.Cancel = true;
                done.TrySetResult();
            }));
        }
        return done.Task;
    }
}
