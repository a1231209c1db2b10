rm "$DIR/main.cf"
