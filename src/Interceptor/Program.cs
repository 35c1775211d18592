using Interceptor.Hosting;
using Interceptor.Options;

// --role agent is short for --Interceptor:Role=agent (the DaemonSet's args).
InterceptorApp.Build(args, builder => builder.Configuration.AddCommandLine(args, InterceptorRoles.Switches)).Run();

/// <summary>Entry point; public so tests can reach the assembly's composition.</summary>
public partial class Program;
