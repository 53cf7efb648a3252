require ["vacation"];
# Auto-reply while Alice is away (a per-account settings file the cutover must carry over)
vacation :days 7 :subject "Out of office" "I am away until Monday and will answer then.";
