using Interceptor.Hosting;

InterceptorApp.Build(args).Run();

/// <summary>Entry point; public so tests can reach the assembly's composition.</summary>
public partial class Program;
