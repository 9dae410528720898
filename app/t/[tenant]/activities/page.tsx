import { notBuiltPage } from "../not-built-page";

const { Page, generateMetadata } = notBuiltPage("activities");
export { generateMetadata };
export default Page;
