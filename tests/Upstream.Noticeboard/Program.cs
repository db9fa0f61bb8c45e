using Upstream.Noticeboard;

await NoticeboardApp.Build(args).RunAsync();
