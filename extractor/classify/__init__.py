"""Personal-data items: splitting a listed text into items, and (later) classifying them."""
