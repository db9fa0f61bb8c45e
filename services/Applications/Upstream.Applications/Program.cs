using Upstream.Applications.Data;
using Upstream.ServiceDefaults;
using Upstream.ServiceDefaults.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<ApplicationsDb>("applicationsdb");
builder.Services.AddSingleton(TimeProvider.System);

var app = builder.Build();
app.MapDefaultEndpoints();
await app.RunAsync();
