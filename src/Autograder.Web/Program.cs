using Autograder.Web.Hosting;

// A web node alone (`autograder web` does the same); `autograder serve` adds workers in the same process.
await using var app = await WebApp.BuildAsync(args);
await app.RunAsync();

/// <summary>The entry point, for the integration tests' application factory.</summary>
public partial class Program;
