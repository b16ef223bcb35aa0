// Placeholder, replaced by the page's implementation.
import { h } from '../ui.js';

export default {
  id: 'organisations',
  title: 'organisations',
  async render(main) {
    main.replaceChildren(h('h1', {}, 'organisations'));
  },
};
