s|^socket = unix:.*|socket = unix:/run/smsgate/milter.sock|
