s|^socket = unix:.*|socket = inet:8891@127.0.0.1|
